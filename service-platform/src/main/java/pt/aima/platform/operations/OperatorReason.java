package pt.aima.platform.operations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the operator acts; recorded on the event with the operator. */
public record OperatorReason(@NotBlank @Size(max = 2000) String reason) {}
