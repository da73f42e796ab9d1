package dev.streamlog.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service process of a {@link StreamlogCluster}: a service jar run with {@code java -jar}
 * on a fixed loopback port (kept across restarts), its output appended to one log file. It
 * can be stopped (SIGTERM), killed (SIGKILL) and started again with the same arguments, data
 * dir and port.
 *
 * <p>Thread-safe: process changes are synchronized; the health probe is read-only.
 */
public final class ServiceNode {

    private static final Duration STOP_BOUND = Duration.ofSeconds(60);

    private final Role role;
    private final int index;
    private final String scheme;
    private final int port;
    private final int managementPort;
    private final Path dataDir;
    private final Path logFile;
    private final List<String> command;
    private final Duration startTimeout;
    private final Http http;
    private Process process;

    ServiceNode(Role role, int index, String scheme, int port, int managementPort, Path dataDir, Path logFile,
                List<String> command, Duration startTimeout, Http http) {
        this.role = role;
        this.index = index;
        this.scheme = scheme;
        this.port = port;
        this.managementPort = managementPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.command = List.copyOf(command);
        this.startTimeout = startTimeout;
        this.http = http;
    }

    /** e.g. {@code storage-2}. */
    public String name() {
        return role.prefix() + "-" + index;
    }

    public Role role() {
        return role;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}, or {@code https://} for a node whose port speaks TLS. */
    public String baseUrl() {
        return scheme + "://127.0.0.1:" + port;
    }

    /**
     * Where the node's actuator listens ({@code /actuator/health}, {@code /actuator/prometheus}): a gateway's
     * management port (plain HTTP), which the public API does not share; the {@link #baseUrl()} of every other node.
     */
    public String managementUrl() {
        return managementPort == port ? baseUrl() : "http://127.0.0.1:" + managementPort;
    }

    /** The broker id of a storage node (its number: storage-2 is broker 2). */
    public int brokerId() {
        if (role != Role.STORAGE) {
            throw new IllegalStateException(name() + " is not a storage node and has no broker id");
        }
        return index;
    }

    /** The data dir of a storage node. */
    public Path dataDir() {
        if (dataDir == null) {
            throw new IllegalStateException(name() + " has no data dir");
        }
        return dataDir;
    }

    /** The file the process's stdout and stderr go to (appended across restarts). */
    public Path logFile() {
        return logFile;
    }

    /** The process's pid, or -1 when it is not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process and waits (bounded) until its health is UP. */
    public void start() {
        launch();
        awaitHealthy();
    }

    /**
     * Starts the process with other {@code --name=value} arguments than it was built with (each replaces the
     * argument of the same name, or is added), for this start only, and waits (bounded) until its health is UP.
     */
    public void start(String... extraArguments) {
        launch(List.of(extraArguments));
        awaitHealthy();
    }

    /** Starts the process without waiting for it. */
    synchronized void launch() {
        launch(List.of());
    }

    private synchronized void launch(List<String> extraArguments) {
        List<String> command = new ArrayList<>(this.command);
        for (String argument : extraArguments) {
            String name = argument.substring(0, argument.indexOf('=') + 1);
            command.removeIf(existing -> existing.startsWith(name));
            command.add(argument);
        }
        if (isRunning()) {
            throw new IllegalStateException(name() + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.writeString(logFile, "=== " + Instant.now() + " kit starts " + name() + ": " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name() + "; see " + logFile, e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP; fails early when the process exits. */
    public void awaitHealthy() {
        Await.until(startTimeout, name() + " to become healthy at " + baseUrl(), this::describe, () -> {
            if (!isRunning()) {
                throw new AssertionError(name() + " exited while starting; " + describe());
            }
            return isHealthy();
        });
    }

    /** Whether {@code /actuator/health} answers 200 with status UP right now. */
    public boolean isHealthy() {
        try {
            HttpResult health = http.get(managementUrl() + "/actuator/health");
            return health.status() == 200 && "UP".equals(health.json().path("status").asString(""));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stops the process with SIGTERM and waits (bounded) until it has exited. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        if (!waitForExit()) {
            process.destroyForcibly();
            waitForExit();
            throw new AssertionError(name() + " did not stop within " + STOP_BOUND.toSeconds() + " s of SIGTERM and was killed; "
                    + describe());
        }
    }

    /** Kills the process with SIGKILL and waits until it has exited. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!waitForExit()) {
            throw new AssertionError(name() + " (pid " + process.pid() + ") still runs " + STOP_BOUND.toSeconds() + " s after SIGKILL");
        }
    }

    /** Freezes the process with SIGSTOP (it keeps its sockets; nothing it does happens until {@link #resume()}). */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Lets a paused process run again with SIGCONT. */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (!isRunning()) {
            throw new IllegalStateException(name() + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name(), e);
        }
    }

    /** Name, pid, port and log file, for failure messages. */
    public String describe() {
        return name() + " (pid " + pid() + ", " + baseUrl() + "), log: " + logFile.toAbsolutePath();
    }

    @Override
    public String toString() {
        return describe();
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
