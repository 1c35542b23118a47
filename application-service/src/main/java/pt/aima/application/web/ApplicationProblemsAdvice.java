package pt.aima.application.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import pt.aima.application.casefile.MemberNotFound;
import pt.aima.application.casefile.NotEligible;

/**
 * The problems of application-service beyond the platform's ({@code ProblemDetailsAdvice}): a registration that fails
 * a rule of eligibility is 422 with the rule's code, the member and the reason.
 *
 * <p>The code and the member travel as they are ({@code rule}, {@code member}) for clients that word them
 * themselves; the title and detail are worded from the code in the applicant's language ({@code problems/<language>
 * .properties}): the language the registration asks AIMA to write in, the one every later notification is written
 * in. The rules' own (English, technical) sentence is logged, never shown. Portuguese, the language of the
 * administration, when the language is not known or not one AIMA writes in. A family member the case does not name is
 * 404, like an unknown case.
 */
@RestControllerAdvice
class ApplicationProblemsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApplicationProblemsAdvice.class);
    private static final URI NOT_ELIGIBLE = URI.create("https://aima.gov.pt/problems/not-eligible");
    private static final URI MEMBER_NOT_FOUND = URI.create("https://aima.gov.pt/problems/member-not-found");
    private static final String PORTUGUESE = "pt";

    private final Map<String, Properties> texts = Map.of(PORTUGUESE, load(PORTUGUESE), "en", load("en"));

    @ExceptionHandler(RefusedRegistration.class)
    ResponseEntity<ProblemDetail> refused(RefusedRegistration e) {
        return notEligible(e.refusal(), e.language());
    }

    @ExceptionHandler(NotEligible.class)
    ResponseEntity<ProblemDetail> notEligible(NotEligible e) {
        return notEligible(e, PORTUGUESE);
    }

    @ExceptionHandler(MemberNotFound.class)
    ProblemDetail memberNotFound(MemberNotFound e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "The case names no such family member.");
        problem.setType(MEMBER_NOT_FOUND);
        problem.setTitle("Family member not found");
        return problem;
    }

    private ResponseEntity<ProblemDetail> notEligible(NotEligible e, String preferredLanguage) {
        log.info("registration refused: {} ({})", e.code(), e.getMessage());
        String language = languageOf(preferredLanguage);
        Properties words = texts.get(language);
        String detail = e.memberIndex() == null ? null : words.getProperty("not-eligible." + e.code());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                detail == null
                        ? words.getProperty("not-eligible.GENERIC")
                        : new MessageFormat(detail, Locale.forLanguageTag(language))
                                .format(new Object[] {Integer.toString(e.memberIndex() + 1)}));
        problem.setType(NOT_ELIGIBLE);
        problem.setTitle(words.getProperty("not-eligible.title"));
        problem.setProperty("rule", e.code());
        if (e.memberIndex() != null) {
            problem.setProperty("member", e.memberIndex());
        }
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .body(problem);
    }

    private String languageOf(String preferred) {
        String language = preferred == null ? PORTUGUESE : preferred.strip().toLowerCase(Locale.ROOT);
        return texts.containsKey(language) ? language : PORTUGUESE;
    }

    private static Properties load(String language) {
        Properties properties = new Properties();
        String path = "problems/" + language + ".properties";
        try (InputStream in = ApplicationProblemsAdvice.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no problem texts " + path);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
