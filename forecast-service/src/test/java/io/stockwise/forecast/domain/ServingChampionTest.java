package io.stockwise.forecast.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Loading and swapping the served champion (no network: the plans here route to baselines, or fail to load). */
class ServingChampionTest {
    private static final String BASELINES = "{\"choice\":{\"FAST\":\"weekday_ma\",\"INTERMITTENT\":\"tsb\",\"NEW\":\"weekday_ma\"}}";
    private static final String NETWORK = "{\"choice\":{\"FAST\":\"mq_mlp\",\"INTERMITTENT\":\"tsb\",\"NEW\":\"weekday_ma\"}}";

    private final AtomicReference<String> version = new AtomicReference<>();
    private final AtomicReference<String> parameters = new AtomicReference<>(BASELINES);
    private final AtomicReference<byte[]> artifact = new AtomicReference<>(new byte[0]);
    private final AtomicLong now = new AtomicLong();
    private final List<String> loads = new ArrayList<>();
    private final ModelRegistry registry = new RegistryStub() {
        @Override
        public Optional<String> championVersion() {
            return Optional.ofNullable(version.get());
        }

        @Override
        public Optional<RegisteredModel> champion() {
            return championVersion().map(v -> new RegisteredModel(v, "champion", "1", LocalDate.of(2026, 1, 1), 14,
                    parameters.get(), List.of(), artifact.get(), artifact.get().length, Instant.EPOCH, true));
        }
    };
    private final ServingChampion serving = new ServingChampion(registry, m -> {
        loads.add(m.version());
        return ChampionModel.load(m, 2, "cpu");
    }, Duration.ofSeconds(5), now::get);

    @Test
    void loadsOncePerVersionAndSwapsWhenTheRegistryNamesAnother() {
        assertThat(serving.current()).isEmpty();
        version.set("champion-1");
        // Nothing loaded: asked again only when the interval passed (or on reload()).
        assertThat(serving.current()).isEmpty();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(serving.current()).hasValueSatisfying(c -> {
            assertThat(c.version()).isEqualTo("champion-1");
            assertThat(c.canServe(14)).isTrue();
            assertThat(c.canServe(15)).isFalse();
            assertThat(c.predictors()).isZero();
        });
        version.set("champion-2");
        // Within the interval the loaded version keeps serving; reload() asks at once.
        assertThat(serving.current().orElseThrow().version()).isEqualTo("champion-1");
        serving.reload();
        assertThat(serving.current().orElseThrow().version()).isEqualTo("champion-2");
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        serving.current();
        assertThat(loads).containsExactly("champion-1", "champion-2");
        assertThat(serving.loaded()).isPresent();
        serving.close();
        assertThat(serving.loaded()).isEmpty();
    }

    @Test
    void aChampionThatCannotBeLoadedIsNotServedNorRetriedUntilAnotherVersion() {
        version.set("champion-7");
        parameters.set(NETWORK);
        artifact.set(new byte[] {1, 2, 3, 4});
        assertThat(serving.current()).isEmpty();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(serving.current()).isEmpty();
        assertThat(loads).containsExactly("champion-7");
        version.set("champion-8");
        parameters.set(BASELINES);
        artifact.set(new byte[0]);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(serving.current().orElseThrow().version()).isEqualTo("champion-8");
    }

    @Test
    void aChoiceUsingTheNetworkWithoutAnArtifactServesNoHorizon() {
        version.set("champion-9");
        parameters.set(NETWORK);
        var c = serving.current().orElseThrow();
        assertThat(c.canServe(7)).isFalse();
        assertThat(c.device()).isEqualTo("none");
    }
}
