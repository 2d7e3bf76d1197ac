package io.stockwise.embedded;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.ReflectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@link StockwiseInfra#shared()} one per JVM rather than one per class loader.
 *
 * <p>Quarkus loads test resources, and with them this library, in a new class loader for each
 * test profile, so a plain static field would start a second PostgreSQL and Kafka. The servers
 * are therefore owned by a single copy of this library, preferably the one of the system class
 * loader (which is never closed, so the shutdown hook can still load classes at JVM exit), and
 * published as an MBean on the platform MBean server. Every other copy attaches to that MBean; it
 * talks to it only in JDK types (ports, paths, operation names), never in classes of its own.
 */
final class SharedInfraRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInfraRegistry.class);

    static final ObjectName NAME = objectName("io.stockwise.embedded:type=StockwiseInfra,name=shared");

    private static final String STARTING = "STARTING";
    private static final String READY = "READY";
    private static final String FAILED = "FAILED";
    private static final Duration ATTACH_TIMEOUT = Duration.ofMinutes(3);

    private SharedInfraRegistry() {
    }

    /** The shared infrastructure: attached to if it runs already, else started by this or the system copy. */
    static StockwiseInfra obtain() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (!server.isRegistered(NAME)) {
            startThroughSystemClassLoaderCopy();
        }
        if (!server.isRegistered(NAME)) {
            Handle handle = new Handle();
            try {
                server.registerMBean(handle, NAME);
                return handle.startServers(server);
            } catch (InstanceAlreadyExistsException raced) {
                LOG.debug("Another class loader started the shared infrastructure concurrently");
            } catch (JMException e) {
                throw new IllegalStateException("Could not register " + NAME, e);
            }
        }
        return attach(server);
    }

    /**
     * Lets the system class loader's copy of this library own the servers, if there is such a copy
     * and it is not this one. Falls back to this copy if that copy cannot even be linked.
     */
    private static void startThroughSystemClassLoaderCopy() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (StockwiseInfra.class.getClassLoader() == system) {
            return;
        }
        Class<?> systemCopy;
        try {
            systemCopy = Class.forName(StockwiseInfra.class.getName(), true, system);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        if (systemCopy == StockwiseInfra.class) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(system);
        try {
            systemCopy.getMethod("shared").invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LinkageError) {
                LOG.debug("The system class loader cannot run the shared infrastructure, starting it here", e.getCause());
                return;
            }
            throw new IllegalStateException("The shared PostgreSQL and Kafka did not start", e.getCause());
        } catch (ReflectiveOperationException e) {
            LOG.debug("Could not delegate to the system class loader's copy, starting the shared infrastructure here", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Waits until the owner reports READY and returns a view on its servers. */
    private static StockwiseInfra attach(MBeanServer server) {
        long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
        try {
            while (true) {
                String state = (String) server.getAttribute(NAME, "State");
                if (READY.equals(state)) {
                    break;
                }
                if (FAILED.equals(state)) {
                    throw new IllegalStateException("The shared PostgreSQL and Kafka did not start: "
                            + server.getAttribute(NAME, "Failure"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The shared PostgreSQL and Kafka were not ready within " + ATTACH_TIMEOUT);
                }
                Thread.sleep(50);
            }
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.attach(
                    (Integer) server.getAttribute(NAME, "PostgresPort"),
                    Path.of((String) server.getAttribute(NAME, "PostgresDataDirectory")));
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.attach(
                    (Integer) server.getAttribute(NAME, "KafkaPort"),
                    Path.of((String) server.getAttribute(NAME, "KafkaLogDirectory")),
                    new RemoteLifecycle(server));
            LOG.debug("Attached to the shared PostgreSQL on port {} and Kafka on port {}", postgres.port(), kafka.port());
            return StockwiseInfra.sharedView(postgres, kafka);
        } catch (InstanceNotFoundException e) {
            throw new IllegalStateException("The shared PostgreSQL and Kafka failed to start in another class loader", e);
        } catch (JMException e) {
            throw new IllegalStateException("Could not attach to the shared PostgreSQL and Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the shared PostgreSQL and Kafka", e);
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The owner's MBean: exposes the servers' coordinates and the broker's stop/restart. */
    private static final class Handle implements DynamicMBean {

        private volatile String state = STARTING;
        private volatile String failure = "";
        private volatile StockwiseInfra infra;

        StockwiseInfra startServers(MBeanServer server) {
            StockwiseInfra started;
            try {
                started = StockwiseInfra.launch(null, null, 0, 0, true);
            } catch (RuntimeException | Error e) {
                failure = e.toString();
                state = FAILED;
                unregister(server);
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stopServers();
                } finally {
                    unregister(server);
                }
            }, "stockwise-infra-shutdown"));
            infra = started;
            state = READY;
            return started;
        }

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException {
            if ("State".equals(attribute)) {
                return state;
            }
            if ("Failure".equals(attribute)) {
                return failure;
            }
            StockwiseInfra current = infra;
            if (current == null) {
                throw new AttributeNotFoundException(attribute + " is not available while " + state);
            }
            switch (attribute) {
                case "PostgresPort":
                    return current.postgres().port();
                case "PostgresDataDirectory":
                    return current.postgres().dataDirectory().toString();
                case "KafkaPort":
                    return current.kafka().port();
                case "KafkaLogDirectory":
                    return current.kafka().logDirectory().toString();
                case "KafkaRunning":
                    return current.kafka().isRunning();
                default:
                    throw new AttributeNotFoundException(attribute);
            }
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) throws MBeanException, ReflectionException {
            StockwiseInfra current = infra;
            if (current == null) {
                throw new MBeanException(new IllegalStateException("The shared infrastructure is " + state));
            }
            try {
                switch (actionName) {
                    case "stopKafka":
                        current.kafka().stop();
                        return null;
                    case "restartKafka":
                        current.kafka().restart();
                        return null;
                    default:
                        throw new ReflectionException(new NoSuchMethodException(actionName));
                }
            } catch (RuntimeException e) {
                // Only JDK exception types cross to the caller's class loader.
                IllegalStateException portable = new IllegalStateException(actionName + " failed: " + e);
                portable.setStackTrace(e.getStackTrace());
                throw new MBeanException(portable);
            }
        }

        @Override
        public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
            throw new AttributeNotFoundException(attribute.getName() + " is read-only");
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            AttributeList list = new AttributeList();
            for (String name : attributes) {
                try {
                    list.add(new Attribute(name, getAttribute(name)));
                } catch (AttributeNotFoundException e) {
                    // Omitted, as the DynamicMBean contract asks.
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanAttributeInfo[] attributes = {
                attribute("State", String.class, "STARTING, READY or FAILED"),
                attribute("Failure", String.class, "Why the start failed"),
                attribute("PostgresPort", Integer.class, "PostgreSQL port on 127.0.0.1"),
                attribute("PostgresDataDirectory", String.class, "PostgreSQL data directory"),
                attribute("KafkaPort", Integer.class, "Kafka client port on 127.0.0.1"),
                attribute("KafkaLogDirectory", String.class, "Kafka log directory"),
                attribute("KafkaRunning", Boolean.class, "Whether the Kafka broker runs"),
            };
            MBeanOperationInfo[] operations = {
                operation("stopKafka", "Stops the Kafka broker, keeping its data"),
                operation("restartKafka", "Starts the Kafka broker again on the same port"),
            };
            return new MBeanInfo(Handle.class.getName(), "The JVM-wide embedded PostgreSQL and Kafka of Stockwise",
                    attributes, null, operations, null);
        }

        private static MBeanAttributeInfo attribute(String name, Class<?> type, String description) {
            return new MBeanAttributeInfo(name, type.getName(), description, true, false, false);
        }

        private static MBeanOperationInfo operation(String name, String description) {
            return new MBeanOperationInfo(name, description, null, "void", MBeanOperationInfo.ACTION);
        }

        private static void unregister(MBeanServer server) {
            try {
                server.unregisterMBean(NAME);
            } catch (InstanceNotFoundException ignored) {
                // Already gone.
            } catch (JMException e) {
                LOG.debug("Could not unregister {}", NAME, e);
            }
        }
    }

    /** Drives the owner's broker through the MBean; closing is left to the owner's shutdown hook. */
    private static final class RemoteLifecycle implements EmbeddedKafkaBroker.Lifecycle {

        private final MBeanServer server;

        RemoteLifecycle(MBeanServer server) {
            this.server = server;
        }

        @Override
        public void stop() {
            invoke("stopKafka");
        }

        @Override
        public void restart() {
            invoke("restartKafka");
        }

        @Override
        public boolean isRunning() {
            try {
                return (Boolean) server.getAttribute(NAME, "KafkaRunning");
            } catch (InstanceNotFoundException e) {
                return false; // The owner has shut down.
            } catch (JMException e) {
                throw new IllegalStateException("Could not query the shared Kafka broker", e);
            }
        }

        @Override
        public void close() {
            // The shared broker belongs to the whole JVM; its shutdown hook closes it.
        }

        private void invoke(String operation) {
            try {
                server.invoke(NAME, operation, null, null);
            } catch (MBeanException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("Shared Kafka broker: " + cause.getMessage(), cause);
            } catch (JMException e) {
                throw new IllegalStateException("Shared Kafka broker: " + operation + " failed", e);
            }
        }
    }
}
