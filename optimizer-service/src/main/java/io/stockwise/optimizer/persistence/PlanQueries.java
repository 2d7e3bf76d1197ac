package io.stockwise.optimizer.persistence;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.proto.v1.PlanCostSummary;
import io.stockwise.proto.v1.PlanReplenishmentResponse;
import io.stockwise.proto.v1.PlanSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads stored plans: one by id, and pages of them newest first (keyset pagination on create time and id). */
@ApplicationScoped
public class PlanQueries {
    /** Default and largest page sizes of ListPlans. */
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final DataSource dataSource;

    public PlanQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A page of plans and the token of the next (empty when none). */
    public record Page(List<PlanSummary> plans, String nextPageToken) {}

    public Optional<PlanReplenishmentResponse> find(UUID id) {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT response FROM plan WHERE plan_id = ?")) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var bytes = rs.getBytes(1);
                if (bytes == null) {
                    throw new StockwiseException(ErrorCode.FAILED_PRECONDITION, "PLAN_NOT_READABLE",
                            "plan " + id + " was stored before plans kept their answers");
                }
                return Optional.of(PlanReplenishmentResponse.parseFrom(bytes));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read plan " + id, e);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored plan " + id + " is unreadable", e);
        }
    }

    /**
     * @param pageSize 0 means {@value #DEFAULT_PAGE}; above {@value #MAX_PAGE} means {@value #MAX_PAGE}
     * @param pageToken empty for the first page
     */
    public Page list(int pageSize, String pageToken) {
        if (pageSize < 0) {
            throw StockwiseException.invalid("page_size", "OUT_OF_RANGE", "must be at least 0, was " + pageSize);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE : Math.min(pageSize, MAX_PAGE);
        Instant afterTime = null;
        UUID afterId = null;
        if (!pageToken.isEmpty()) {
            try {
                var parts = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split(" ", 2);
                afterTime = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw StockwiseException.invalid("page_token", "INVALID_FORMAT", "is not a token ListPlans returned");
            }
        }
        var sql = "SELECT plan_id, create_time, line_count, order_line_count, expected_cost, unconstrained_expected_cost,"
                + " order_value, unconstrained_order_value, cost_lower_bound FROM plan"
                + (afterTime == null ? "" : " WHERE (create_time, plan_id) < (?, ?)")
                + " ORDER BY create_time DESC, plan_id DESC LIMIT ?";
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            int k = 1;
            if (afterTime != null) {
                ps.setTimestamp(k++, Timestamp.from(afterTime));
                ps.setObject(k++, afterId);
            }
            ps.setInt(k, size + 1);
            var out = new ArrayList<PlanSummary>();
            String next = "";
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var id = (UUID) rs.getObject(1);
                    var time = rs.getTimestamp(2).toInstant();
                    if (out.size() == size) {
                        var last = out.get(out.size() - 1);
                        var lastTime = Instant.ofEpochSecond(last.getCreateTime().getSeconds(), last.getCreateTime().getNanos());
                        next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                                (lastTime + " " + last.getPlanId()).getBytes(StandardCharsets.UTF_8));
                        break;
                    }
                    double cost = rs.getDouble(5);
                    double free = rs.getDouble(6);
                    double bound = rs.getDouble(9);
                    out.add(PlanSummary.newBuilder().setPlanId(id.toString()).setCreateTime(ProtoDates.toProto(time))
                            .setLineCount(rs.getInt(3)).setOrderLineCount(rs.getInt(4))
                            .setCostSummary(PlanCostSummary.newBuilder().setExpectedCost(cost)
                                    .setUnconstrainedExpectedCost(free).setPriceOfConstraints(cost - free)
                                    .setOrderValue(rs.getDouble(7)).setUnconstrainedOrderValue(rs.getDouble(8))
                                    .setCostLowerBound(bound)
                                    .setOptimalityGap(cost <= 0 ? 0 : Math.max(0, (cost - bound) / cost)))
                            .build());
                }
            }
            return new Page(out, next);
        } catch (SQLException e) {
            throw new IllegalStateException("could not list plans", e);
        }
    }
}
