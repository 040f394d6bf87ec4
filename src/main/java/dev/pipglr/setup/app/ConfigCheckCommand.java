package dev.pipglr.setup.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pipglr.setup.config.ConfigProblem;
import dev.pipglr.setup.config.ConfigValidator;
import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Problems;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code config-check}: gitlab-runner's config.toml checked as the wizard's editor checks it. */
@Command(
        name = "config-check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a gitlab-runner config.toml: TOML syntax, every key and its value type against gitlab-runner "
                    + "v19.3.0's own configuration structs, then gitlab-runner's rules (concurrent, limits, required "
                    + "runner keys, executors, duplicate tokens or names, settings GitLab keeps, expired tokens). "
                    + "Prints LINE:COLUMN severity message per problem.",
            "With --json: an array of {line, column, severity, message}.",
            "Exit codes: 0 no errors (warnings allowed), 1 errors, 2 the file cannot be read."
        })
final class ConfigCheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The config.toml to check.")
    Path file;

    @Mixin
    JsonOption json = new JsonOption();

    private final PrintStream out;
    private final PrintStream err;

    ConfigCheckCommand() {
        this(System.out, System.err);
    }

    ConfigCheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        byte[] bytes;
        try {
            bytes = LocalFiles.readBytes(file);
        } catch (IOException e) {
            err.println("config-check: cannot read " + file + ": " + Problems.describe(e));
            return 2;
        }
        java.util.OptionalLong bad = Problems.firstNonUtf8Byte(bytes);
        if (bad.isPresent()) {
            err.println("config-check: " + file + " is not UTF-8 text: " + Problems.whereInBytes(bytes, bad.getAsLong())
                    + ". gitlab-runner reads config.toml as UTF-8: save it as UTF-8 and check again.");
            return 2;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<ConfigProblem> problems = ConfigValidator.validate(text);
        if (json.on()) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = mapper.createArrayNode();
            problems.forEach(problem -> array.addObject()
                    .put("line", problem.line())
                    .put("column", problem.column())
                    .put("severity", problem.severity().label())
                    .put("message", problem.message()));
            out.println(mapper.writeValueAsString(array));
        } else {
            problems.forEach(out::println);
        }
        out.flush();
        return problems.stream().anyMatch(problem -> problem.severity() == ConfigProblem.Severity.ERROR) ? 1 : 0;
    }
}
