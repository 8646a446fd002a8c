package dev.socklab.cli;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Connect four's board in colour, for a terminal that has it: in a row of the board
 * ({@code | |X|O| | | | |}), X's discs red and O's yellow, as the game's own are; every other line
 * as it came.
 */
final class BoardColours {
    private static final AttributedStyle X = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    private static final AttributedStyle O = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    private BoardColours() {
    }

    /** {@code line} with the discs of a board's row coloured. */
    static AttributedString paint(String line) {
        if (!line.matches("(\\|[ XO])+\\|")) {
            return new AttributedString(line);
        }
        AttributedStringBuilder out = new AttributedStringBuilder(line.length());
        for (char c : line.toCharArray()) {
            switch (c) {
                case 'X' -> out.styled(X, "X");
                case 'O' -> out.styled(O, "O");
                default -> out.append(c);
            }
        }
        return out.toAttributedString();
    }
}
