package dev.pipglr.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test class runs in some lane: it carries exactly one lane tag, the lane is one that bin/test-all runs, and
 * the plugin that runs that lane (surefire for the JVM lanes, failsafe for the host lanes) includes the class. A
 * test class that fails this would silently never run.
 */
@Tag("unit")
class LanesTest {

    /** The annotations that make a method a test for the JUnit platform's engines here (Jupiter and jqwik). */
    private static final Set<String> TEST_ANNOTATIONS = Set.of(
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.api.TestTemplate",
            "org.junit.jupiter.params.ParameterizedTest",
            "net.jqwik.api.Property",
            "net.jqwik.api.Example");

    private static final Path POM = Path.of("pom.xml");

    @Test
    void everyTestClassHasOneLaneThatTestAllRuns() throws Exception {
        Pom pom = Pom.read(Files.readString(POM));
        List<String> problems = new ArrayList<>();
        List<Class<?>> classes = testClasses();
        assertTrue(classes.size() > 50, "found only " + classes.size() + " test classes: is the scan broken?");
        for (Class<?> type : classes) {
            problems.addAll(pom.problems(type));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theJqwikPropertiesAreInALane() throws Exception {
        Pom pom = Pom.read(Files.readString(POM));
        for (String name :
                List.of("dev.pipglr.setup.logs.LogJoinProperties", "dev.pipglr.setup.host.SubIdPlannerProperties")) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            assertTrue(hasTests(type), name + " holds properties");
            assertEquals(List.of(), pom.problems(type));
        }
    }

    @Test
    void testAllRunsEveryLaneOfThePom() throws Exception {
        Pom pom = Pom.read(Files.readString(POM));
        Process process = new ProcessBuilder("bin/test-all", "--list-lanes")
                .redirectErrorStream(true)
                .start();
        String listed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), listed);
        List<String> expected = new ArrayList<>(pom.jvmLanes());
        expected.addAll(pom.hostLanes());
        expected.add("package");
        assertEquals(expected, listed.lines().toList());
    }

    /** The check itself: a class without a lane, with two, with an unknown one, or not included, is named. */
    @Test
    void aClassNoLaneRunsIsNamed() {
        Pom pom = Pom.read("""
                <project><properties>
                <lanes.jvm>unit,gui</lanes.jvm><lanes.hosts>workstation</lanes.hosts>
                </properties>
                <build><plugins>
                <plugin><artifactId>maven-surefire-plugin</artifactId><configuration>
                <includes><include>**/*Test.java</include></includes></configuration></plugin>
                <plugin><artifactId>maven-failsafe-plugin</artifactId><configuration>
                <includes><include>**/*IT.java</include></includes></configuration></plugin>
                </plugins></build></project>
                """);
        assertEquals(
                List.of(Untagged.class.getName() + ": no lane tag (one of [unit, gui, workstation])"),
                pom.problems(Untagged.class));
        assertEquals(
                List.of(TwoLanes.class.getName() + ": 2 lane tags [unit, gui]; a class belongs to one lane"),
                pom.problems(TwoLanes.class));
        assertEquals(
                List.of(UnknownLane.class.getName() + ": lane 'gpu' is none of [unit, gui, workstation]"),
                pom.problems(UnknownLane.class));
        assertEquals(
                List.of(HostLaneNamedLikeAUnitTest.class.getName()
                        + ": lane 'workstation' runs in failsafe, whose includes [**/*IT.java] do not match "
                        + "HostLaneNamedLikeAUnitTest.java"),
                pom.problems(HostLaneNamedLikeAUnitTest.class));
        assertEquals(List.of(), pom.problems(Pom.class), "a class without tests needs no lane");
    }

    abstract static class Untagged {
        @Test
        void test() {}
    }

    @Tag("unit")
    @Tag("gui")
    abstract static class TwoLanes {
        @Test
        void test() {}
    }

    @Tag("gpu")
    abstract static class UnknownLane {
        @Test
        void test() {}
    }

    @Tag("workstation")
    abstract static class HostLaneNamedLikeAUnitTest {
        @Test
        void test() {}
    }

    /** Top-level classes compiled from src/test (nested classes run, and are tagged, through their outer class). */
    private static List<Class<?>> testClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(LanesTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString();
                if (relative.contains("$")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length())
                        .replace('/', '.');
                Class<?> type = Class.forName(name, false, LanesTest.class.getClassLoader());
                if (hasTests(type) && !Modifier.isAbstract(type.getModifiers())) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    static boolean hasTests(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    if (TEST_ANNOTATIONS.contains(annotation.annotationType().getName())) {
                        return true;
                    }
                }
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (!Modifier.isStatic(nested.getModifiers()) && hasTests(nested)) {
                    return true; // @Nested test classes
                }
            }
        }
        return false;
    }

    /** The lane tags on a class and its superclasses: JUnit's @Tag (also repeated) and jqwik's @Tag. */
    static List<String> lanes(Class<?> type) {
        Set<String> lanes = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Tag tag : c.getDeclaredAnnotationsByType(Tag.class)) {
                lanes.add(tag.value());
            }
            for (net.jqwik.api.Tag tag : c.getDeclaredAnnotationsByType(net.jqwik.api.Tag.class)) {
                lanes.add(tag.value());
            }
        }
        return List.copyOf(lanes);
    }

    /** What pom.xml says about lanes: which lanes exist, which plugin runs them, and which classes it includes. */
    record Pom(
            List<String> jvmLanes,
            List<String> hostLanes,
            List<String> surefireIncludes,
            List<String> failsafeIncludes) {

        static Pom read(String pom) {
            String properties = between(pom, "<properties>", "</properties>");
            return new Pom(
                    list(element(properties, "lanes.jvm")),
                    list(element(properties, "lanes.hosts")),
                    includes(pom, "maven-surefire-plugin"),
                    includes(pom, "maven-failsafe-plugin"));
        }

        List<String> problems(Class<?> type) {
            if (!hasTests(type)) {
                return List.of();
            }
            List<String> known = new ArrayList<>(jvmLanes);
            known.addAll(hostLanes);
            List<String> lanes = lanes(type);
            String name = type.getName();
            if (lanes.isEmpty()) {
                return List.of(name + ": no lane tag (one of " + known + ")");
            }
            if (lanes.size() > 1) {
                return List.of(name + ": " + lanes.size() + " lane tags " + lanes + "; a class belongs to one lane");
            }
            String lane = lanes.get(0);
            if (!known.contains(lane)) {
                return List.of(name + ": lane '" + lane + "' is none of " + known);
            }
            boolean jvm = jvmLanes.contains(lane);
            List<String> includes = jvm ? surefireIncludes : failsafeIncludes;
            String file = type.getSimpleName() + ".java";
            String path = type.getName().replace('.', '/') + ".java";
            boolean included = includes.stream()
                    .anyMatch(glob -> FileSystems.getDefault()
                                    .getPathMatcher("glob:" + glob)
                                    .matches(Path.of(path))
                            || FileSystems.getDefault()
                                    .getPathMatcher("glob:" + glob.replaceFirst("^\\*\\*/", ""))
                                    .matches(Path.of(file)));
            if (!included) {
                return List.of(name + ": lane '" + lane + "' runs in " + (jvm ? "surefire" : "failsafe")
                        + ", whose includes " + includes + " do not match " + file);
            }
            return List.of();
        }

        private static List<String> includes(String pom, String plugin) {
            String section =
                    between(pom.substring(pom.indexOf("<artifactId>" + plugin + "</artifactId>")), "", "</plugin>");
            List<String> includes = new ArrayList<>();
            Matcher include = Pattern.compile("<include>([^<]+)</include>").matcher(section);
            while (include.find()) {
                includes.add(include.group(1).strip());
            }
            return includes.isEmpty()
                    ? List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java")
                    : includes;
        }

        private static String element(String xml, String name) {
            return between(xml, "<" + name + ">", "</" + name + ">").strip();
        }

        private static String between(String text, String start, String end) {
            int from = text.indexOf(start);
            int to = text.indexOf(end, from + start.length());
            if (from < 0 || to < 0) {
                throw new IllegalArgumentException("pom.xml has no " + start + "..." + end);
            }
            return text.substring(from + start.length(), to);
        }

        private static List<String> list(String commaSeparated) {
            return Stream.of(commaSeparated.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }
}
