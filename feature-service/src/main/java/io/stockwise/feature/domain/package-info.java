/**
 * Daily demand per series (SKU x location) and the features computed from it, in plain Java.
 *
 * <ul>
 *   <li><b>What counts.</b> Demand is units ordered: a sales line counts when its kind is a sale
 *       (an unspecified kind is a sale), its quantity is greater than zero and its unit price is
 *       greater than zero ({@link io.stockwise.feature.domain.SaleFact#isDemand()}). Cancellations,
 *       returns, adjustments and zero-price lines are recorded but do not change demand (gross
 *       orders; netting them is left to a later version).
 *   <li><b>Once per line.</b> Lines are applied at most once per event id
 *       ({@link io.stockwise.feature.domain.DemandBatch}), so redeliveries and replays are harmless.
 *   <li><b>Sparse storage, dense answers.</b> Only days with demand are stored; each series keeps
 *       its first and last day with demand and its totals
 *       ({@link io.stockwise.feature.domain.SeriesSummary}). Histories are dense, one value per
 *       calendar day with zeros on days without demand
 *       ({@link io.stockwise.feature.domain.DemandHistory}).
 *   <li><b>Point in time.</b> An end day is an "as of" cut: nothing after it is returned
 *       ({@link io.stockwise.feature.domain.DemandQueries}).
 *   <li><b>Features.</b> Calendar, price and promotion, lags, rolling statistics and intermittency
 *       measures, each defined on {@link io.stockwise.feature.domain.Feature} and computed by
 *       {@link io.stockwise.feature.domain.FeatureCalculator} point in time: a value for day d uses
 *       only data for days up to and including d.
 * </ul>
 *
 * <p>No framework, gRPC, Kafka or JDBC types here; adapters translate (DomainPurityTest guards it).
 */
package io.stockwise.feature.domain;
