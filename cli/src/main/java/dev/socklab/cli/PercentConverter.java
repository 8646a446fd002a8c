package dev.socklab.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.socklab.netem.NetworkConditions;

/** picocli's door to {@link NetworkConditions#parsePercent}: {@code 5%}, {@code 5} or {@code 0.5%}, as a fraction. */
final class PercentConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
        try {
            return NetworkConditions.parsePercent(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
