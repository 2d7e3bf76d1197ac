package io.stockwise.optimizer.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An open purchase order of a series.
 *
 * @param quantity units on order
 * @param arrivalDate when they are expected; empty when the request left it out (invalid)
 */
public record OpenOrder(double quantity, Optional<LocalDate> arrivalDate) {}
