package dev.pipglr.setup.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The machine the wizard runs on, as the current user. */
public final class LocalMachine implements Machine {

    private final Map<String, String> environment;
    private final UserIdentity user;

    public LocalMachine() {
        this(System.getenv());
    }

    LocalMachine(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.user = new UserIdentity(System.getProperty("user.name"), currentUid());
    }

    private static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read the current user's uid from /proc/self", e);
        }
    }

    @Override
    public UserIdentity user() {
        return user;
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public java.util.Map<String, String> environment() {
        return java.util.Map.copyOf(environment);
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public boolean hasCommand(String name) {
        return env("PATH").stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .anyMatch(Files::isExecutable);
    }

    @Override
    public void createPrivateDirectory(String path) throws IOException {
        Path dir = Path.of(path);
        Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Override
    public void writePrivateFile(String path, byte[] content) throws IOException {
        LocalFiles.replaceAtomically(Path.of(path), content, true);
    }

    @Override
    public List<String> list(String directory) throws IOException {
        Path dir = Path.of(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public boolean deleteFile(String path) throws IOException {
        return Files.deleteIfExists(Path.of(path));
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        return Processes.run(command, command, null, timeout);
    }
}
