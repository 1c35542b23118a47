package pt.aima.platform.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data keys one transaction has read, bound to the transaction and dropped when it completes: within a transaction
 * a subject's key is read from {@code personal_data_key} once. Outside a transaction nothing is remembered.
 */
final class TransactionKeys {

    private TransactionKeys() {}

    /** The key known in this transaction (empty: the subject has none or was erased); null when not read yet. */
    static Optional<SecretKey> known(PersonalDataKeys keys, String subject) {
        Map<String, Optional<SecretKey>> cache = cache(keys, false);
        return cache == null ? null : cache.get(subject);
    }

    static void remember(PersonalDataKeys keys, String subject, Optional<SecretKey> key) {
        Map<String, Optional<SecretKey>> cache = cache(keys, true);
        if (cache != null) {
            cache.put(subject, key);
        }
    }

    static void forget(PersonalDataKeys keys, String subject) {
        Map<String, Optional<SecretKey>> cache = cache(keys, false);
        if (cache != null) {
            cache.remove(subject);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Optional<SecretKey>> cache(PersonalDataKeys keys, boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(keys);
        if (bound != null || !create) {
            return (Map<String, Optional<SecretKey>>) bound;
        }
        Map<String, Optional<SecretKey>> cache = new HashMap<>();
        TransactionSynchronizationManager.bindResource(keys, cache);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(keys);
            }
        });
        return cache;
    }
}
