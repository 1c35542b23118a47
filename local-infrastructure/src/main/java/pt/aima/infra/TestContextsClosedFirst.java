package pt.aima.infra;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the Spring contexts that the test framework keeps cached when the test run ends, before the JVM exits.
 *
 * <p>Left to the JVM's exit, they close in Spring's shutdown hook while embedded PostgreSQL stops in zonky's own hook,
 * which cannot be turned off and runs at the same time: event processors, Kafka consumers and connection pools then
 * stop against a database that is going away, retrying and waiting out their timeouts, and Surefire kills a fork that
 * has not exited 30 seconds after its last test. Closed here, at the end of JUnit's launcher session, they stop while
 * PostgreSQL and Kafka are still up, and the shutdown hooks find nothing left to close.
 *
 * <p>Registered twice, through {@code META-INF/services} for JUnit and {@code META-INF/spring.factories} for Spring's
 * test framework: the one instance of each records contexts into the same list and closes them.
 */
public final class TestContextsClosedFirst implements TestExecutionListener, Ordered, LauncherSessionListener {

    private static final Logger log = LoggerFactory.getLogger(TestContextsClosedFirst.class);
    private static final List<WeakReference<ConfigurableApplicationContext>> contexts = new ArrayList<>();

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context instanceof ConfigurableApplicationContext configurable) {
            remember(configurable);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<ConfigurableApplicationContext> open = new ArrayList<>();
        synchronized (contexts) {
            for (WeakReference<ConfigurableApplicationContext> reference : contexts.reversed()) {
                ConfigurableApplicationContext context = reference.get();
                if (context != null && context.isActive()) {
                    open.add(context);
                }
            }
            contexts.clear();
        }
        for (ConfigurableApplicationContext context : open) {
            try {
                context.close();
            } catch (RuntimeException e) {
                log.warn("Could not close the test context {} cleanly: {}", context.getDisplayName(), e.toString());
            }
        }
        if (!open.isEmpty()) {
            log.info("Closed {} cached Spring test context(s) before the JVM's exit", open.size());
        }
    }

    /** Weakly: a context the cache has evicted (and closed) is not kept alive here. */
    private static void remember(ConfigurableApplicationContext context) {
        synchronized (contexts) {
            contexts.removeIf(reference -> reference.get() == null || reference.get() == context);
            contexts.add(new WeakReference<>(context));
        }
    }
}
