package pt.aima.operations.web;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.projection.recovery.RecoveryQueries;
import pt.aima.operations.recovery.RecoveryForecast;
import pt.aima.operations.recovery.RecoveryForecast.Facts;
import pt.aima.operations.recovery.RecoveryForecast.Forecast;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** The recovery operation against its targets: output per working day, the burn-down and when the backlog ends. */
@RestController
class ForecastController {

    static final int DEFAULT_WINDOW_DAYS = 30;
    static final int MAX_WINDOW_DAYS = 366;
    static final int DEFAULT_RECENT_WORKING_DAYS = 10;
    static final int MAX_RECENT_WORKING_DAYS = 120;

    static final String BASIS = "open cases now ÷ decisions per working day over the last recentWorkingDays working"
            + " days before today (decisions of any day in that period ÷ its working days), rounded up to whole working"
            + " days counted from tomorrow; working days are Monday to Friday except the configured public holidays;"
            + " open at the end of a day = open at the end of the next day − registered + decided that next day;"
            + " days are days in mainland Portugal";

    private final RecoveryQueries queries;
    private final RecoveryForecast forecast;
    private final Clock clock;

    ForecastController(RecoveryQueries queries, RecoveryForecast forecast, Clock clock) {
        this.queries = queries;
        this.forecast = forecast;
        this.clock = clock;
    }

    record ForecastView(String basis, int windowDays, int recentWorkingDays, Forecast forecast) {}

    /**
     * @param windowDays how many complete days before today the burn-down shows (30 when absent)
     * @param recentWorkingDays how many working days before today the recent output is measured over (10 when absent)
     */
    @GetMapping("/operations/forecast")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    ForecastView forecast(
            @RequestParam(name = "windowDays", required = false) String windowDays,
            @RequestParam(name = "recentWorkingDays", required = false) String recentWorkingDays) {
        int window = WholeNumber.read("windowDays", windowDays, 1, MAX_WINDOW_DAYS, DEFAULT_WINDOW_DAYS);
        int recent = WholeNumber.read(
                "recentWorkingDays", recentWorkingDays, 1, MAX_RECENT_WORKING_DAYS, DEFAULT_RECENT_WORKING_DAYS);
        LocalDate today = LocalDate.now(clock);
        LocalDate from = forecast.firstDayNeeded(today, window, recent);
        RecoveryQueries.Daily daily = queries.daily(from);
        Facts facts = new Facts(today, daily.open(), daily.registeredByDay(), daily.decidedByDay());
        return new ForecastView(BASIS, window, recent, forecast.forecast(facts, window, recent));
    }
}
