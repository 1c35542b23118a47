package pt.aima.scheduling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Schedules each case's biometric-collection appointment at an AIMA service desk once its documents are complete, and
 * records that the biometrics were collected.
 */
@SpringBootApplication
public class SchedulingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SchedulingServiceApplication.class, args);
    }
}
