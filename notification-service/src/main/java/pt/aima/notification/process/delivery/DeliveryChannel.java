package pt.aima.notification.process.delivery;

import pt.aima.notification.casenotifications.Channel;

/** An outbound channel: takes a message or throws {@link DeliveryFailure}. */
public interface DeliveryChannel {

    Channel channel();

    /** Where the applicant's address for this channel is in {@code applicant_contact}. */
    String contactColumn();

    void deliver(OutboundMessage message) throws DeliveryFailure;

    /**
     * Nothing more is due on this channel for now: a connection kept open between messages (SMTP's) is closed. The
     * sender calls it when a poll finds nothing to send and when it stops; the next message opens a new one.
     */
    default void release() {}
}
