package io.stockwise.commons.error;

/**
 * What counts as storable text everywhere in Stockwise: no control character (NUL, which
 * PostgreSQL cannot store in TEXT, among them) and no unpaired surrogate (which UTF-8 cannot
 * encode). Validators reject anything else per field ({@link Validator#maxLength}); what must be
 * kept although it was rejected (a dead letter's key and reason) is made storable with
 * {@link #storable}.
 */
public final class Text {
    /** The character put in place of each non-text character by {@link #storable}. */
    public static final char REPLACEMENT = '\uFFFD';

    private Text() {}

    /** Why {@code value} is not storable text ("control character U+0000 at position 3"), or {@code null} when it is. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("unpaired surrogate U+%04X at position %d", (int) c, i);
            } else if (Character.isISOControl(c)) {
                return String.format("control character U+%04X at position %d", (int) c, i);
            }
        }
        return null;
    }

    /**
     * {@code value} with every control character and unpaired surrogate replaced by
     * {@link #REPLACEMENT}, cut to at most {@code maxLength} characters (never inside a surrogate
     * pair) with a trailing "…" when cut. Storable text comes back unchanged when short enough.
     */
    public static String storable(String value, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        if (value.length() <= maxLength && problem(value) == null) {
            return value;
        }
        var out = new StringBuilder(Math.min(value.length(), maxLength));
        int limit = value.length() > maxLength ? maxLength - 1 : maxLength;
        for (int i = 0; i < value.length() && out.length() < limit; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out.length() + 2 > limit) {
                    break;
                }
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        if (value.length() > maxLength) {
            out.append('…');
        }
        return out.toString();
    }
}
