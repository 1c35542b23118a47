package pt.aima.notification.delivery;

import pt.aima.notification.casenotifications.Channel;

/** SMS through an {@link SmsGateway}: the subject, then the body, as one text. */
class SmsChannel implements DeliveryChannel {

    private final SmsGateway gateway;

    SmsChannel(SmsGateway gateway) {
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
