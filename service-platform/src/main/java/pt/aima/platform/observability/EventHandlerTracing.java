package pt.aima.platform.observability;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Every event an event processor handles (the relay, a projection, a process) is handled in a span continuing the trace
 * of the command that caused it, read from the event's metadata: the processor's thread has no trace of its own.
 */
public class EventHandlerTracing implements MessageHandlerInterceptor<EventMessage<?>> {

    private final CaseTracing tracing;
    private final String processor;

    public EventHandlerTracing(CaseTracing tracing, String processor) {
        this.tracing = tracing;
        this.processor = processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        try (CaseTracing.Scope traced = tracing.continueTrace(
                event.getMetaData(), processor + " " + event.getPayloadType().getSimpleName())) {
            return chain.proceed();
        }
    }
}
