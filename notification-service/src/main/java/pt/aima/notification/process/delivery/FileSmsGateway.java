package pt.aima.notification.process.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each SMS as a file {@code <messageId>.txt} (first line the phone number, then the text) into a directory,
 * atomically: a second write of the same message replaces the file, so it is never there twice.
 */
public class FileSmsGateway implements SmsGateway {

    private final Path directory;

    public FileSmsGateway(Path directory) {
        this.directory = directory;
    }

    @Override
    public void send(String messageId, String phone, String text) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, messageId, ".tmp");
            Files.writeString(temporary, phone + "\n" + text, StandardCharsets.UTF_8);
            Files.move(
                    temporary,
                    directory.resolve(messageId + ".txt"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw DeliveryFailure.transientFailure("SMS directory not writable: " + e.getMessage(), e);
        }
    }
}
