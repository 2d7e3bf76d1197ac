package io.stockwise.optimizer.persistence;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.outbox.OutboxConfig;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.commons.persistence.Transactions;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanStore;
import io.stockwise.optimizer.grpc.ProtoMapping;
import io.stockwise.optimizer.messaging.PlanEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/** Stores plans in {@code plan} and {@code plan_line} and their events in the outbox, in one transaction. */
@ApplicationScoped
public class JdbcPlanStore implements PlanStore {
    private static final int BATCH = 1000;
    private static final String INSERT_PLAN = """
            INSERT INTO plan (plan_id, create_time, line_count, order_line_count, expected_cost,
                unconstrained_expected_cost, order_value, unconstrained_order_value, cost_lower_bound, response)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LINE = """
            INSERT INTO plan_line (plan_id, line_no, sku_id, location_id, order_quantity, raw_order_quantity, rounding,
                order_up_to_level, reorder_point, safety_stock, expected_demand, inventory_position, lead_time_days,
                review_period_days, cycle_service_level, case_pack, min_order_quantity, unit_cost, order_value,
                forecast_model, forecast_model_version, explanation, expected_fill_rate, expected_holding_cost,
                expected_shortage_cost, unconstrained_order_quantity, quantile_level, binding_constraint_group_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final OutboxWriter outbox;
    private final OutboxRelayWorker relay;
    private final PlanEvents events;

    public JdbcPlanStore(DataSource dataSource, OutboxConfig outboxConfig, OutboxRelayWorker relay, PlanEvents events) {
        this.dataSource = dataSource;
        this.outbox = new OutboxWriter(outboxConfig.table());
        this.relay = relay;
        this.events = events;
    }

    @Override
    public void save(Plan plan) {
        var records = events.records(plan);
        try {
            Transactions.inTransaction(dataSource, c -> {
                insert(c, plan);
                outbox.append(c, records);
                return null;
            });
        } catch (SQLException e) {
            throw failure(e);
        }
        relay.wake();
    }

    /**
     * Stores a plan and its events inside the caller's transaction on {@code c} (the caller commits,
     * then calls {@link #wake()}).
     */
    public void saveIn(Connection c, Plan plan) throws SQLException {
        insert(c, plan);
        outbox.append(c, events.records(plan));
    }

    /** Tells the relay there are events to publish. */
    public void wake() {
        relay.wake();
    }

    private static void insert(Connection c, Plan plan) throws SQLException {
        try (var ps = c.prepareStatement(INSERT_PLAN)) {
            ps.setObject(1, plan.id());
            ps.setTimestamp(2, Timestamp.from(plan.createTime()));
            ps.setInt(3, plan.lines().size());
            ps.setInt(4, (int) plan.lines().stream().filter(l -> l.orders()).count());
            var costs = plan.costs();
            ps.setDouble(5, costs.expectedCost());
            ps.setDouble(6, costs.unconstrainedExpectedCost());
            ps.setDouble(7, costs.orderValue());
            ps.setDouble(8, costs.unconstrainedOrderValue());
            ps.setDouble(9, costs.costLowerBound());
            ps.setBytes(10, ProtoMapping.response(plan).toByteArray());
            ps.executeUpdate();
        }
        try (var ps = c.prepareStatement(INSERT_LINE)) {
            int pending = 0;
            for (int i = 0; i < plan.lines().size(); i++) {
                var l = plan.lines().get(i);
                int k = 1;
                ps.setObject(k++, plan.id());
                ps.setInt(k++, i);
                ps.setString(k++, l.series().skuId());
                ps.setString(k++, l.series().locationId());
                ps.setDouble(k++, l.orderQuantity());
                ps.setDouble(k++, l.rawOrderQuantity());
                ps.setString(k++, l.rounding().name());
                ps.setDouble(k++, l.orderUpToLevel());
                ps.setDouble(k++, l.reorderPoint());
                ps.setDouble(k++, l.safetyStock());
                ps.setDouble(k++, l.expectedDemand());
                ps.setDouble(k++, l.inventoryPosition());
                ps.setInt(k++, l.leadTimeDays());
                ps.setInt(k++, l.reviewPeriodDays());
                ps.setDouble(k++, l.cycleServiceLevel());
                ps.setLong(k++, l.casePack());
                ps.setDouble(k++, l.minOrderQuantity());
                ps.setDouble(k++, l.unitCost());
                ps.setDouble(k++, l.orderValue());
                ps.setString(k++, l.forecastModel());
                ps.setString(k++, l.forecastModelVersion());
                ps.setString(k++, l.explanation());
                var e = l.economics();
                ps.setDouble(k++, e.expectedFillRate());
                ps.setDouble(k++, e.expectedHoldingCost());
                ps.setDouble(k++, e.expectedShortageCost());
                ps.setDouble(k++, e.unconstrainedOrderQuantity());
                ps.setDouble(k++, e.quantileLevel());
                ps.setString(k, e.bindingConstraintGroupId());
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static RuntimeException failure(SQLException e) {
        var state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"))) {
            var unavailable = new StockwiseException(ErrorCode.UNAVAILABLE, "DATABASE_UNAVAILABLE",
                    "the plan could not be stored: the database is unreachable");
            unavailable.initCause(e);
            return unavailable;
        }
        return new IllegalStateException("could not store the plan", e);
    }
}
