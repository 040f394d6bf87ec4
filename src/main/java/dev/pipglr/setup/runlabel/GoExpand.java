package dev.pipglr.setup.runlabel;

import java.util.function.UnaryOperator;

/** Go's os.Expand, which podman's runlabel applies to the whole command: the same rules, byte for byte. */
final class GoExpand {

    private GoExpand() {}

    static String expand(String s, UnaryOperator<String> mapping) {
        StringBuilder out = null;
        int i = 0;
        for (int j = 0; j < s.length(); j++) {
            if (s.charAt(j) == '$' && j + 1 < s.length()) {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(s, i, j);
                String rest = s.substring(j + 1);
                int[] width = new int[1];
                String name = shellName(rest, width);
                if (name.isEmpty() && width[0] > 0) {
                    // invalid syntax such as ${} or an unclosed ${: Go eats the characters
                } else if (name.isEmpty()) {
                    out.append('$'); // a $ not followed by a name stays
                } else {
                    out.append(mapping.apply(name));
                }
                j += width[0];
                i = j + 1;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s.substring(Math.min(i, s.length()))).toString();
    }

    private static boolean isSpecial(char c) {
        return "*#$@!?-0123456789".indexOf(c) >= 0;
    }

    private static boolean isAlphaNum(char c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String shellName(String s, int[] width) {
        if (s.charAt(0) == '{') {
            if (s.length() > 2 && isSpecial(s.charAt(1)) && s.charAt(2) == '}') {
                width[0] = 3;
                return s.substring(1, 2);
            }
            for (int i = 1; i < s.length(); i++) {
                if (s.charAt(i) == '}') {
                    if (i == 1) {
                        width[0] = 2;
                        return "";
                    }
                    width[0] = i + 1;
                    return s.substring(1, i);
                }
            }
            width[0] = 1;
            return "";
        }
        if (isSpecial(s.charAt(0))) {
            width[0] = 1;
            return s.substring(0, 1);
        }
        int i = 0;
        while (i < s.length() && isAlphaNum(s.charAt(i))) {
            i++;
        }
        width[0] = i;
        return s.substring(0, i);
    }
}
