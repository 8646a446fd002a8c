package dev.socklab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The connection counts of {@code --connections} (chat: {@code --members}): one number, or a comma
 * list that makes a sweep of runs.
 */
public final class Sweep {
    /** The most runs one sweep makes. */
    public static final int MAX_RUNS = 20;

    private Sweep() {
    }

    /**
     * Reads {@code 100} or {@code 1,10,100,1000}, given to {@code option}, which errors name.
     *
     * @throws BenchPlanException if a value is not a whole number, or there are more than {@link #MAX_RUNS}
     */
    public static List<Integer> connections(String option, String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_RUNS) {
            throw new BenchPlanException(option + " lists " + parts.length + " runs; a sweep makes at most " + MAX_RUNS);
        }
        List<Integer> counts = new ArrayList<>();
        for (String part : parts) {
            String value = part.strip();
            if (!value.matches("[0-9]{1,9}")) {
                throw new BenchPlanException(option + " takes a number or a comma list such as 1,10,100,1000, and '"
                        + value + "' is not a number");
            }
            counts.add(Integer.parseInt(value));
        }
        return List.copyOf(counts);
    }
}
