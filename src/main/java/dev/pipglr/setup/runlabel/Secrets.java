package dev.pipglr.setup.runlabel;

import java.util.ArrayList;
import java.util.List;

/** --secret as podman's client reads it (pkg/specgenutil parseSecrets), with its defaults: uid 0, gid 0, mode 0444. */
final class Secrets {

    private Secrets() {}

    static List<SecretRef> parse(List<String> values, String labelName) throws RunlabelException {
        List<SecretRef> secrets = new ArrayList<>();
        for (String value : values) {
            secrets.add(parseOne(value, labelName));
        }
        return secrets;
    }

    private static SecretRef parseOne(String value, String labelName) throws RunlabelException {
        String[] split = value.split(",", -1);
        if (split.length == 1) {
            return new SecretRef(value, false, null, 0, 0, SpecGen.DEFAULT_SECRET_MODE);
        }
        String source = "";
        int first = 0;
        if (!split[0].contains("=")) {
            source = split[0];
            first = 1;
        }
        String type = "";
        String target = null;
        int uid = 0;
        int gid = 0;
        int mode = SpecGen.DEFAULT_SECRET_MODE;
        boolean mountOnly = false;
        for (int i = first; i < split.length; i++) {
            String part = split[i];
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw bad(value, labelName, "the setting " + part + " must be KEY=VALUE");
            }
            String key = part.substring(0, eq);
            String setting = part.substring(eq + 1);
            try {
                switch (key) {
                    case "source" -> source = setting;
                    case "type" -> {
                        if (!type.isEmpty()) {
                            throw bad(value, labelName, "sets the type twice");
                        }
                        if (!setting.equals("mount") && !setting.equals("env")) {
                            throw bad(value, labelName, "type must be mount or env, not '" + setting + "'");
                        }
                        type = setting;
                    }
                    case "target" -> target = setting;
                    case "mode" -> {
                        mountOnly = true;
                        mode = Integer.parseUnsignedInt(setting, 8);
                    }
                    case "uid", "UID" -> {
                        mountOnly = true;
                        uid = Integer.parseUnsignedInt(setting);
                    }
                    case "gid", "GID" -> {
                        mountOnly = true;
                        gid = Integer.parseUnsignedInt(setting);
                    }
                    default -> throw bad(value, labelName, "podman knows no setting '" + key + "'");
                }
            } catch (NumberFormatException e) {
                throw bad(value, labelName, key + " must be a number, not '" + setting + "'");
            }
        }
        if (source.isEmpty()) {
            throw bad(value, labelName, "names no secret");
        }
        boolean asEnv = type.equals("env");
        if (asEnv && mountOnly) {
            throw bad(value, labelName, "sets uid, gid or mode on an env secret");
        }
        return asEnv
                ? new SecretRef(source, true, target == null || target.isEmpty() ? source : target, null, null, null)
                : new SecretRef(source, false, target, uid, gid, mode);
    }

    private static RunlabelException bad(String value, String labelName, String why) {
        return new RunlabelException("--secret " + value + " in the " + labelName + " label " + why);
    }
}
