package pt.aima.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** README's walkthrough, exactly as a reader would paste it: the bash blocks between the walkthrough markers. */
final class ReadmeWalkthrough {

    static final String BEGIN = "<!-- walkthrough:begin -->";
    static final String END = "<!-- walkthrough:end -->";
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    private ReadmeWalkthrough() {}

    static String extract(Path readme) throws IOException {
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("README.md has no " + BEGIN + " ... " + END + " section");
        }
        StringBuilder script = new StringBuilder();
        Matcher blocks = BASH_BLOCK.matcher(text.substring(begin, end));
        while (blocks.find()) {
            script.append(blocks.group(1)).append('\n');
        }
        return script.toString();
    }
}
