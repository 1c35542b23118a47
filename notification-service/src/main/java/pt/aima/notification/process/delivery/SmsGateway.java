package pt.aima.notification.process.delivery;

/** Sends a text message to a phone number. No provider is contracted yet: the default writes files. */
public interface SmsGateway {

    /**
     * @param messageId the notification's id: sending the same id twice must not give the applicant two messages
     * @param phone E.164
     */
    void send(String messageId, String phone, String text) throws DeliveryFailure;
}
