package pt.aima.notification.process.delivery;

import pt.aima.notification.casenotifications.Channel;

/** SMS through an {@link SmsGateway}: the subject, then the body, as one text. */
public class SmsChannel implements DeliveryChannel {

    private final SmsGateway gateway;

    public SmsChannel(SmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String contactColumn() {
        return "phone";
    }

    @Override
    public void deliver(OutboundMessage message) {
        gateway.send(
                message.notificationId().toString(), message.address(), message.subject() + "\n\n" + message.body());
    }
}
