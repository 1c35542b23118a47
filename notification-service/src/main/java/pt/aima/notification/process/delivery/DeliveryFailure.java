package pt.aima.notification.process.delivery;

/**
 * Why a channel could not take a notification.
 *
 * @param permanent whether retrying cannot help (the address is refused, there is none); otherwise the delivery is
 *     retried with backoff
 * @param code stable code, published with {@code NotificationFailed} when the delivery fails for good
 * @param reason for operations, free of personal data
 */
public class DeliveryFailure extends RuntimeException {

    public static final String NO_CONTACT_DATA = "NO_CONTACT_DATA";
    public static final String ADDRESS_REJECTED = "ADDRESS_REJECTED";
    public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";
    public static final String CHANNEL_UNAVAILABLE = "CHANNEL_UNAVAILABLE";

    private final boolean permanent;
    private final String code;

    private DeliveryFailure(boolean permanent, String code, String reason, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
        this.code = code;
    }

    /** The channel is down or not configured: try again later. */
    public static DeliveryFailure transientFailure(String reason, Throwable cause) {
        return new DeliveryFailure(false, CHANNEL_UNAVAILABLE, reason, cause);
    }

    public static DeliveryFailure permanentFailure(String code, String reason, Throwable cause) {
        return new DeliveryFailure(true, code, reason, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    public String code() {
        return code;
    }
}
