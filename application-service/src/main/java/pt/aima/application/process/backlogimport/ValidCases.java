package pt.aima.application.process.backlogimport;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pt.aima.application.backlog.LegacyCaseFile.LegacyCase;
import pt.aima.application.backlog.LegacyCaseFile.LegacyMember;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;

/**
 * The valid cases of a file, kept on disk between the import's two passes: written as the checking pass finds them,
 * read back oldest original submission first. What stays in memory is one long per case (its submission day and where
 * it is on disk), not the cases.
 */
final class ValidCases implements AutoCloseable {

    private static final int OFFSET_BITS = 42;
    private static final long DAY_BASE = 1_000_000L;

    private final Path file;
    private final OutputStream out;
    private long written;
    private long[] keys = new long[1024];
    private int size;
    private FileChannel in;

    ValidCases(Path directory) throws IOException {
        this.file = Files.createTempFile(directory, "import-valid-", ".bin");
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    int size() {
        return size;
    }

    void add(LegacyCase legacy) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream data = new DataOutputStream(bytes);
            write(legacy, data);
            data.flush();
            if (written >= 1L << OFFSET_BITS) {
                throw new IllegalStateException("more than 4 TB of valid cases");
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            // sorting the keys sorts by submission day, then by place in the file
            keys[size++] = ((legacy.submittedOn().toEpochDay() + DAY_BASE) << OFFSET_BITS) | written;
            out.write(bytes.size() >>> 24);
            out.write(bytes.size() >>> 16);
            out.write(bytes.size() >>> 8);
            out.write(bytes.size());
            bytes.writeTo(out);
            written += 4 + bytes.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every case (the file was refused as a whole). */
    void clear() {
        size = 0;
    }

    /** Ends the writing; the cases are then read {@link #oldestFirst(int, int)}. */
    void sortOldestFirst() throws IOException {
        out.close();
        Arrays.sort(keys, 0, size);
        in = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** The cases {@code from} (inclusive) to {@code to} (exclusive) in the order of original submission. */
    List<LegacyCase> oldestFirst(int from, int to) throws IOException {
        List<LegacyCase> cases = new ArrayList<>(to - from);
        ByteBuffer length = ByteBuffer.allocate(4);
        for (int i = from; i < to; i++) {
            long offset = keys[i] & ((1L << OFFSET_BITS) - 1);
            length.clear();
            readFully(length, offset);
            ByteBuffer record = ByteBuffer.allocate(length.flip().getInt());
            readFully(record, offset + 4);
            cases.add(read(new DataInputStream(new ByteArrayInputStream(record.array()))));
        }
        return cases;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file of valid cases ends early");
            }
        }
    }

    private static void write(LegacyCase legacy, DataOutputStream out) throws IOException {
        out.writeUTF(legacy.legacyNumber());
        out.writeInt(legacy.firstLine());
        out.writeLong(legacy.submittedOn().toEpochDay());
        out.writeUTF(legacy.sponsorName());
        out.writeUTF(legacy.sponsorPermit());
        out.writeUTF(legacy.partnerType());
        out.writeUTF(legacy.partnerName());
        out.writeUTF(legacy.deskRegion().name());
        out.writeUTF(legacy.applicantId());
        out.writeUTF(legacy.email());
        out.writeUTF(legacy.language());
        out.writeInt(legacy.members().size());
        for (LegacyMember member : legacy.members()) {
            out.writeInt(member.line());
            out.writeUTF(member.fullName());
            out.writeUTF(member.relationship().name());
            out.writeLong(member.dateOfBirth().toEpochDay());
            out.writeUTF(member.nationality());
            out.writeBoolean(member.presentInPortugal());
            out.writeBoolean(member.presentInPortugalSince() != null);
            if (member.presentInPortugalSince() != null) {
                out.writeLong(member.presentInPortugalSince().toEpochDay());
            }
            out.writeBoolean(member.stayEndsOn() != null);
            if (member.stayEndsOn() != null) {
                out.writeLong(member.stayEndsOn().toEpochDay());
            }
        }
    }

    private static LegacyCase read(DataInputStream in) throws IOException {
        String legacyNumber = in.readUTF();
        int firstLine = in.readInt();
        LocalDate submittedOn = LocalDate.ofEpochDay(in.readLong());
        String sponsorName = in.readUTF();
        String sponsorPermit = in.readUTF();
        String partnerType = in.readUTF();
        String partnerName = in.readUTF();
        Region deskRegion = Region.valueOf(in.readUTF());
        String applicantId = in.readUTF();
        String email = in.readUTF();
        String language = in.readUTF();
        int count = in.readInt();
        List<LegacyMember> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int line = in.readInt();
            String name = in.readUTF();
            Relationship relationship = Relationship.valueOf(in.readUTF());
            LocalDate born = LocalDate.ofEpochDay(in.readLong());
            String nationality = in.readUTF();
            boolean present = in.readBoolean();
            LocalDate since = in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
            LocalDate stayEndsOn = in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
            members.add(new LegacyMember(line, name, relationship, born, nationality, present, since, stayEndsOn));
        }
        return new LegacyCase(
                legacyNumber,
                firstLine,
                submittedOn,
                sponsorName,
                sponsorPermit,
                partnerType,
                partnerName,
                deskRegion,
                applicantId,
                email,
                language,
                members);
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
            if (in != null) {
                in.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
