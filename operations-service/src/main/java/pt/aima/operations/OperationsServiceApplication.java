package pt.aima.operations;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The read side of the recovery operation: keeps every integration event of the platform as received, and derives
 * from that archive the backlog, the work queues and case search for operations staff, caseworkers and auditors.
 */
@SpringBootApplication
public class OperationsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OperationsServiceApplication.class, args);
    }
}
