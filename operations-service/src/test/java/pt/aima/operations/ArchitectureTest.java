package pt.aima.operations;

import pt.aima.platform.testing.architecture.FloorPlanTest;

/** The shared floor plan (service-platform's {@code FloorPlanRules}). */
class ArchitectureTest extends FloorPlanTest {

    ArchitectureTest() {
        super("pt.aima.operations");
    }
}
