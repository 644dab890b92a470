package io.github.stylize.maven.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StopReason;

import java.io.IOException;
import java.util.List;

/**
 * A run's loss history and timings in JSON: one form for the asset metadata, the report records, the cache entries and
 * the remote cache objects, which all carry them. The losses are the engine's {@link IterationLoss} records, bound as
 * they are; the timings are {@link Timings}, written beside their total {@code millis}.
 */
public final class RunJson {
    private RunJson() {
    }

    /**
     * {@code prepareMillis}, {@code optimizeMillis}, {@code iterations}, {@code evaluations}, derived from them
     * and rounded to the microsecond, {@code millisPerEvaluation}, and, where known, {@code stop}: why the full-size
     * level ended ({@code iterations}, {@code tolerance}, {@code converged} or {@code stalled}). The counts are read as
     * they are written, whole numbers; {@code millisPerEvaluation} is derived again on reading.
     */
    @JsonPropertyOrder({"prepareMillis", "optimizeMillis", "iterations", "evaluations", "millisPerEvaluation", "stop"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timings(@JsonDeserialize(using = WholeNumber.class) Long prepareMillis,
                          @JsonDeserialize(using = WholeNumber.class) Long optimizeMillis,
                          @JsonDeserialize(using = WholeNumber.class) Long iterations,
                          @JsonDeserialize(using = WholeNumber.class) Long evaluations,
                          Double millisPerEvaluation, String stop) {
        public static Timings of(RunTimings timings) {
            return new Timings(timings.prepareMillis(), timings.optimizeMillis(), (long) timings.iterations(),
                    (long) timings.evaluations(), Math.round(timings.millisPerEvaluation() * 1000) / 1000.0,
                    timings.stop() == null ? null : timings.stop().label());
        }

        /**
         * These timings, checked against the {@code millis} written beside them.
         *
         * @throws IllegalArgumentException if they are incomplete or disagree with {@code millis}
         */
        public RunTimings toTimings(Long millis) {
            RunTimings timings = new RunTimings(whole("prepareMillis", prepareMillis),
                    whole("optimizeMillis", optimizeMillis), Math.toIntExact(whole("iterations", iterations)),
                    Math.toIntExact(whole("evaluations", evaluations)), stop == null ? null : StopReason.ofLabel(stop));
            if (millis == null || millis != timings.totalMillis()) {
                throw new IllegalArgumentException("millis " + millis + " is not the timings' total "
                        + timings.totalMillis());
            }
            return timings;
        }

        private static long whole(String field, Long value) {
            if (value == null) {
                throw new IllegalArgumentException("timings." + field + " is null, not a whole number");
            }
            return value;
        }
    }

    /** A timing as written: a whole number, never 2.5 or "7", which would otherwise be truncated or converted. */
    static final class WholeNumber extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        WholeNumber() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException("timings." + p.currentName() + " is " + p.getText()
                        + ", not a whole number");
            }
            return p.getLongValue();
        }
    }

    /**
     * The run whose {@code backend}, {@code losses}, {@code timings} and their total {@code millis} a file holds.
     *
     * @throws IllegalArgumentException if the losses or timings are missing, or the timings are malformed or disagree
     *                                  with the total
     */
    public static RunSummary run(String backend, List<IterationLoss> losses, Long millis, Timings timings) {
        if (losses == null) {
            throw new IllegalArgumentException("no losses recorded");
        }
        if (timings == null) {
            throw new IllegalArgumentException("no timings recorded");
        }
        return new RunSummary(backend, losses, timings.toTimings(millis));
    }
}
