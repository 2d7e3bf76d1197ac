package io.stockwise.optimizer.messaging;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.optimizer.config.OptimizerConfig;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.grpc.ProtoMapping;
import io.stockwise.proto.v1.PlanPublishedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kafka records that announce a plan: one {@code PlanPublishedEvent} per line on
 * {@code stockwise.plans.v1}, keyed by the series key, with the plan's id in the
 * {@value #PLAN_ID_HEADER} header so consumers can group the lines of one plan.
 */
@ApplicationScoped
public class PlanEvents {
    /** Header carrying the plan id. */
    public static final String PLAN_ID_HEADER = "stockwise.plan_id";

    private final String topic;

    public PlanEvents(OptimizerConfig config) {
        this.topic = config.plans().topic();
    }

    public List<OutboxRecord> records(Plan plan) {
        var createTime = ProtoDates.toProto(plan.createTime());
        var headers = Map.of(PLAN_ID_HEADER, plan.id().toString());
        var out = new ArrayList<OutboxRecord>(plan.lines().size());
        for (var line : plan.lines()) {
            var event = PlanPublishedEvent.newBuilder().setLine(ProtoMapping.line(line)).setCreateTime(createTime).build();
            out.add(new OutboxRecord(topic, line.series().key(), event.toByteArray(), headers));
        }
        return out;
    }
}
