package dev.pipglr.setup.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A machine made of maps, for pure logic tests: files, commands and their answers. */
public final class FakeMachine implements Machine {

    private final UserIdentity user;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> files = new HashMap<>();
    private final Set<String> commands = new HashSet<>();
    private final Map<List<String>, CommandResult> answers = new HashMap<>();
    private final List<List<String>> ran = java.util.Collections.synchronizedList(new ArrayList<>());

    public FakeMachine(String user, long uid) {
        this.user = new UserIdentity(user, uid);
    }

    public FakeMachine env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public FakeMachine file(String path, String text) {
        files.put(path, text);
        return this;
    }

    public FakeMachine command(String name) {
        commands.add(name);
        return this;
    }

    public FakeMachine answer(List<String> command, int exitCode, String stdout, String stderr) {
        commands.add(command.get(0));
        answers.put(command, new CommandResult(command, exitCode, stdout, stderr));
        return this;
    }

    public List<List<String>> ran() {
        return ran;
    }

    @Override
    public UserIdentity user() {
        return user;
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    @Override
    public Optional<String> readFile(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public boolean exists(String path) {
        String dir = path.endsWith("/") ? path : path + "/";
        return files.containsKey(path) || files.keySet().stream().anyMatch(file -> file.startsWith(dir));
    }

    @Override
    public boolean hasCommand(String name) {
        return commands.contains(name);
    }

    @Override
    public void createPrivateDirectory(String path) {
        files.putIfAbsent(path + "/.dir", "");
    }

    @Override
    public void writePrivateFile(String path, byte[] content) {
        files.put(path, new String(content, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        return files.keySet().stream()
                .filter(path -> path.startsWith(prefix))
                .map(path -> path.substring(prefix.length()))
                .filter(name -> !name.contains("/") && !name.equals(".dir"))
                .sorted()
                .toList();
    }

    @Override
    public boolean deleteFile(String path) {
        return files.remove(path) != null;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) {
        ran.add(command);
        CommandResult answer = answers.get(command);
        if (answer == null) {
            return new CommandResult(command, 127, "", command.get(0) + ": not answered by this fake");
        }
        return answer;
    }

    /** Marks systemd as running (sd_booted looks for this directory). */
    public FakeMachine systemdRunning() {
        return file("/run/systemd/system/.running", "");
    }
}
