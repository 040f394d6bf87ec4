package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's command lines and the application's {@code --help} say the same: every command and option the README
 * runs the application with exists, every command the help lists is shown in the README, and every option of a
 * command is shown with it. The README is read as Markdown, not from a list kept here: its code spans and code blocks
 * are searched for the launcher ({@code bin/pipglr-setup}, {@code pipglr-setup}, {@code java -jar
 * ...pipglr-setup.jar}), and what follows it is the command line. The help is the application's own, printed
 * in-process by picocli.
 */
@Tag("unit")
class ReadmeCommandsTest {

    /** A word that starts the application: the launcher, the installed command or the jar. */
    private static final Pattern LAUNCHER = Pattern.compile("(?:\\S*bin/)?pipglr-setup|\\S*pipglr-setup\\.jar");

    /** The options every command has; the README shows them once, on the launcher itself. */
    private static final Set<String> STANDARD_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern OPTION_WORD = Pattern.compile("--?[A-Za-z?][\\w-]*");
    private static final Pattern HELP_OPTION_LINE =
            Pattern.compile("^(?: {2}(-[^-\\s,=]+)(?:, (--[^\\s,=]+))?| {6}(--[^\\s,=]+))(?:[=\\s]|$)");
    private static final Pattern HELP_COMMAND_LINE = Pattern.compile("^ {2}([a-z][\\w-]*)(?:\\s|$)");

    /** One command line the README shows; {@code command} is "" for the launcher without a command. */
    record Invocation(String section, String text, String command, List<String> options) {}

    /** A code span that is an option alone (e.g. {@code --apply}), in the README's section {@code section}. */
    record NamedOption(String section, String option) {}

    /** The README as far as this test reads it. */
    record Readme(List<Invocation> invocations, List<NamedOption> namedOptions) {}

    /** What the application's --help says: for each command ("" for the launcher) its options (every name). */
    record Help(Map<String, List<Set<String>>> options, Map<String, Set<String>> hidden) {

        Set<String> commands() {
            Set<String> commands = new TreeSet<>(options.keySet());
            commands.remove("");
            return commands;
        }

        boolean has(String command, String option) {
            return options.getOrDefault(command, List.of()).stream().anyMatch(names -> names.contains(option));
        }
    }

    @Test
    void theReadmeRunsOnlyCommandsAndOptionsTheHelpLists() throws IOException {
        Readme readme = read(Files.readString(Path.of("README.md")));

        assertTrue(readme.invocations().size() > 15, "the README's command lines are found: " + readme.invocations());
        assertEquals(List.of(), unknownToTheHelp(readme, help()));
    }

    @Test
    void everyCommandTheHelpListsIsShownInTheReadme() throws IOException {
        Readme readme = read(Files.readString(Path.of("README.md")));

        assertEquals(List.of(), notShown(readme, help()));
    }

    @Test
    void everyOptionOfEveryCommandIsShownWithItInTheReadme() throws IOException {
        Readme readme = read(Files.readString(Path.of("README.md")));

        assertEquals(List.of(), optionsNotShown(readme, help()));
    }

    /** The check itself: a made-up option or command, in a code block or in a code span, is found. */
    @Test
    void aMadeUpOptionOrCommandIsFound() {
        Help help = help();
        String readme = """
                ## Command line

                    java -jar target/pipglr-setup.jar check --json
                    java -jar target/pipglr-setup.jar register --url URL
                    java -jar target/pipglr-setup.jar export-ansible --inventory FILE --out DIR
                                                     [--made-up-too FILE]

                Run `bin/pipglr-setup check --made-up` or `pipglr-setup made-up-command`; `--also-made-up` is
                explained, as is `--token` (refused on purpose).
                """;

        assertEquals(
                List.of(
                        "export-ansible has no option --made-up-too: java -jar target/pipglr-setup.jar "
                                + "export-ansible --inventory FILE --out DIR [--made-up-too FILE]",
                        "check has no option --made-up: bin/pipglr-setup check --made-up",
                        "no command made-up-command: pipglr-setup made-up-command",
                        "section Command line names --also-made-up, which none of its commands has"),
                unknownToTheHelp(read(readme), help));
    }

    /** The reverse: an option the README never shows with its command is found, the help options excepted. */
    @Test
    void anOptionTheReadmeLeavesOutIsFound() {
        Readme readme = read("""
                    bin/pipglr-setup --help
                    bin/pipglr-setup start --image IMAGE --json
                """);

        List<String> missing = optionsNotShown(readme, help());

        assertTrue(missing.contains("start --recreate is not shown in the README"), missing.toString());
        assertTrue(missing.contains("pipglr-setup -V, --version is not shown in the README"), missing.toString());
        assertFalse(missing.stream().anyMatch(line -> line.startsWith("start -h")), "--help is shown once");
    }

    /** Only the application's own command lines count: other programs' options and paths are not its. */
    @Test
    void otherProgramsAndPathsAreNotTheApplication() {
        Readme readme = read("""
                ## Somewhere

                Files go to `~/.cache/pipglr-setup` and `$XDG_STATE_HOME/pipglr-setup/work`; `usermod
                --add-subuids` and a bare `--add-subgids` belong to another program.

                    packaging/build.sh   # needs bin/install-deps --package
                    sudo apt-get install ./packaging/out/pipglr-setup_0.1.0-1_amd64.deb
                """);

        assertEquals(List.of(), readme.invocations());
        assertEquals(List.of(), unknownToTheHelp(readme, help()), "the section runs no command of the application");
    }

    @Test
    void theHelpIsReadAsPicocliPrintsIt() {
        Help help = help();

        assertTrue(help.commands().containsAll(List.of("check", "register", "runlabel-plan", "help")), help.toString());
        assertTrue(help.has("check", "-v") && help.has("check", "--verbose"), "short and long names");
        assertTrue(help.has("register", "--replace-token"), "an option whose name is too long for its column");
        assertFalse(help.has("runlabel-plan", "LABEL"), "a parameter is no option");
        assertFalse(help.has("register", "--token"), "a hidden option is not in the help");
        assertTrue(help.hidden().get("register").contains("--token"));
        assertTrue(help.has("", "--version"));
    }

    // ---- what the README and the help disagree on

    static List<String> unknownToTheHelp(Readme readme, Help help) {
        List<String> problems = new ArrayList<>();
        for (Invocation invocation : readme.invocations()) {
            if (!invocation.command().isEmpty() && !help.commands().contains(invocation.command())) {
                problems.add("no command " + invocation.command() + ": " + invocation.text());
                continue;
            }
            for (String option : invocation.options()) {
                if (!help.has(invocation.command(), option)) {
                    String who = invocation.command().isEmpty() ? "pipglr-setup" : invocation.command();
                    problems.add(who + " has no option " + option + ": " + invocation.text());
                }
            }
        }
        // an option named alone belongs to a command its section runs; one refused on purpose (hidden) may be named
        Map<String, Set<String>> commandsBySection = new LinkedHashMap<>();
        readme.invocations()
                .forEach(invocation -> commandsBySection
                        .computeIfAbsent(invocation.section(), section -> new LinkedHashSet<>(List.of("")))
                        .add(invocation.command()));
        for (NamedOption named : readme.namedOptions()) {
            Set<String> commands = commandsBySection.get(named.section());
            if (commands == null || commands.size() < 2) {
                continue; // a section that runs no command of the application: another program's option
            }
            boolean known = commands.stream()
                    .anyMatch(command -> help.has(command, named.option())
                            || help.hidden().getOrDefault(command, Set.of()).contains(named.option()));
            if (!known) {
                problems.add(
                        "section " + named.section() + " names " + named.option() + ", which none of its commands has");
            }
        }
        return problems;
    }

    static List<String> notShown(Readme readme, Help help) {
        Set<String> shown =
                readme.invocations().stream().map(Invocation::command).collect(Collectors.toSet());
        return help.commands().stream()
                .filter(command -> !shown.contains(command))
                .map(command -> "the README never runs " + command)
                .toList();
    }

    static List<String> optionsNotShown(Readme readme, Help help) {
        List<String> problems = new ArrayList<>();
        help.options().forEach((command, options) -> {
            Set<String> shown = readme.invocations().stream()
                    .filter(invocation -> invocation.command().equals(command))
                    .flatMap(invocation -> invocation.options().stream())
                    .collect(Collectors.toSet());
            for (Set<String> names : options) {
                if (!command.isEmpty() && STANDARD_OPTIONS.containsAll(names)) {
                    continue; // every command has them: the README shows them once, on the launcher
                }
                if (names.stream().noneMatch(shown::contains)) {
                    problems.add((command.isEmpty() ? "pipglr-setup" : command) + " " + String.join(", ", names)
                            + " is not shown in the README");
                }
            }
        });
        return problems;
    }

    // ---- the help, as picocli prints it

    static Help help() {
        Map<String, List<Set<String>>> options = new LinkedHashMap<>();
        Map<String, Set<String>> hidden = new LinkedHashMap<>();
        String launcher = helpText();
        options.put("", optionsIn(launcher));
        for (String command : commandsIn(launcher)) {
            options.put(command, optionsIn(helpText(command, "--help")));
            CommandLine subcommand =
                    new CommandLine(new Main()).getSubcommands().get(command);
            hidden.put(
                    command,
                    subcommand.getCommandSpec().options().stream()
                            .filter(OptionSpec::hidden)
                            .flatMap(option -> List.of(option.names()).stream())
                            .collect(Collectors.toSet()));
        }
        return new Help(options, hidden);
    }

    private static String helpText(String... args) {
        StringWriter text = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(text, true));
        commandLine.setErr(new PrintWriter(text, true));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int exit = commandLine.execute(args.length == 0 ? new String[] {"--help"} : args);
        assertEquals(0, exit, text.toString());
        return text.toString();
    }

    /** The options list: "  -v, --verbose   ...", "      --url=URL   ..." (parameters have no dash). */
    private static List<Set<String>> optionsIn(String help) {
        List<Set<String>> options = new ArrayList<>();
        for (String line : help.lines().toList()) {
            Matcher option = HELP_OPTION_LINE.matcher(line);
            if (option.find()) {
                Set<String> names = new LinkedHashSet<>();
                for (int group = 1; group <= 3; group++) {
                    if (option.group(group) != null) {
                        names.add(option.group(group));
                    }
                }
                options.add(names);
            }
        }
        return options;
    }

    /** The names under "Commands:". */
    private static List<String> commandsIn(String help) {
        List<String> commands = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands) {
                Matcher command = HELP_COMMAND_LINE.matcher(line);
                if (command.find()) {
                    commands.add(command.group(1));
                }
            }
        }
        return commands;
    }

    // ---- the README, as Markdown

    /**
     * Reads the code the README shows: code spans in its paragraphs (a span may wrap to the next line), and code
     * blocks (indented or fenced; a line that goes on with {@code [--option ...]}, {@code --option} or after a
     * backslash belongs to the line before). Sections are the level-2 headings.
     */
    static Readme read(String markdown) {
        List<Invocation> invocations = new ArrayList<>();
        List<NamedOption> namedOptions = new ArrayList<>();
        String section = "";
        StringBuilder paragraph = new StringBuilder();
        List<String> codeLines = new ArrayList<>();
        boolean fenced = false;
        boolean previousBlank = true;
        boolean previousCode = false;
        for (String line : markdown.lines().toList()) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                previousCode = false;
                previousBlank = false;
                continue;
            }
            boolean indented = line.startsWith("    ") || line.startsWith("\t");
            if (fenced || (indented && !line.isBlank() && (previousBlank || previousCode))) {
                addCodeLine(codeLines, line.strip());
                previousCode = true;
                previousBlank = false;
                continue;
            }
            previousCode = previousCode && line.isBlank();
            previousBlank = line.isBlank();
            if (line.isBlank() || line.startsWith("#")) {
                readSpans(section, paragraph.toString(), invocations, namedOptions);
                paragraph.setLength(0);
                readCode(section, codeLines, invocations);
                codeLines.clear();
                if (line.startsWith("## ") || line.startsWith("# ")) {
                    section = line.replaceFirst("^#+ ", "").strip();
                }
                continue;
            }
            readCode(section, codeLines, invocations);
            codeLines.clear();
            paragraph.append(line).append('\n');
        }
        readSpans(section, paragraph.toString(), invocations, namedOptions);
        readCode(section, codeLines, invocations);
        return new Readme(invocations, namedOptions);
    }

    private static void addCodeLine(List<String> lines, String line) {
        boolean goesOn = !lines.isEmpty()
                && (lines.get(lines.size() - 1).endsWith("\\") || line.startsWith("[") || line.startsWith("-"));
        if (goesOn) {
            String before = lines.remove(lines.size() - 1);
            lines.add((before.endsWith("\\") ? before.substring(0, before.length() - 1) : before).strip() + " " + line);
        } else {
            lines.add(line);
        }
    }

    private static void readCode(String section, List<String> lines, List<Invocation> invocations) {
        lines.forEach(line -> invocations.addAll(invocationsIn(section, line)));
    }

    private static void readSpans(
            String section, String paragraph, List<Invocation> invocations, List<NamedOption> namedOptions) {
        Matcher span = CODE_SPAN.matcher(paragraph);
        while (span.find()) {
            String code = span.group(1).replace('\n', ' ').strip();
            if (OPTION_WORD.matcher(code.split("[\\s=]", 2)[0]).matches()) {
                namedOptions.add(new NamedOption(section, code.split("[\\s=]", 2)[0]));
            }
            invocations.addAll(invocationsIn(section, code));
        }
    }

    /**
     * The application's command lines in one line of code: after the launcher, the first word that is no option is
     * the command, then every option up to the end of the command (a comment, a redirection, a pipe, {@code &&} or
     * {@code ;}). Synopsis brackets and alternatives ({@code [--json]}, {@code (--image IMAGE | --label-text
     * TEXT)}) are read through.
     */
    static List<Invocation> invocationsIn(String section, String code) {
        List<Invocation> found = new ArrayList<>();
        String[] words = code.strip().split("\\s+");
        for (int start = 0; start < words.length; start++) {
            if (!LAUNCHER.matcher(words[start]).matches()) {
                continue;
            }
            String command = "";
            List<String> options = new ArrayList<>();
            int depth = 0;
            int end = start + 1;
            for (; end < words.length; end++) {
                String word = words[end];
                if (LAUNCHER.matcher(word).matches()) {
                    break;
                }
                if (word.startsWith("#")
                        || word.matches("\\d?[<>].*|&&|;|\\|\\|")
                        || (word.equals("|") && depth == 0)) {
                    break;
                }
                depth += count(word, '(') + count(word, '[') - count(word, ')') - count(word, ']');
                String bare = word.replaceAll("^[(\\[]+|[)\\]]+$", "");
                if (bare.equals("|") || bare.equals("...") || bare.isEmpty()) {
                    continue;
                }
                String name = bare.split("=", 2)[0];
                if (OPTION_WORD.matcher(name).matches()) {
                    options.add(name);
                } else if (command.isEmpty() && options.isEmpty() && name.matches("[a-z][\\w-]*")) {
                    command = name;
                }
            }
            String text = String.join(" ", List.of(words).subList(start, end));
            found.add(new Invocation(section, commandLineOf(words, start, text), command, options));
            start = end - 1;
        }
        return found;
    }

    /** The command line as the README writes it, from "java -jar" when the launcher is the jar. */
    private static String commandLineOf(String[] words, int start, String fromLauncher) {
        return start >= 2 && words[start - 1].equals("-jar") && words[start - 2].equals("java")
                ? "java -jar " + fromLauncher
                : fromLauncher;
    }

    private static int count(String word, char wanted) {
        return (int) word.chars().filter(c -> c == wanted).count();
    }
}
