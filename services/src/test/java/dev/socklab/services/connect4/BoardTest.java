package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Connect four's rules, without a player or a socket. */
class BoardTest {
    @Test
    void aDiscFallsToTheLowestFreeRowAndTheBoardIsDrawnTopRowFirst() {
        Board board = new Board();
        board.drop(3, Disc.X);
        board.drop(4, Disc.O);
        board.drop(3, Disc.O);

        assertThat(board.lines()).containsExactly(
                "| | | | | | | |",
                "| | | | | | | |",
                "| | | | | | | |",
                "| | | | | | | |",
                "| | |O| | | | |",
                "| | |X|O| | | |",
                " 1 2 3 4 5 6 7");
        assertThat(board.moves()).isEqualTo(3);
    }

    @Test
    void fourAcrossWin() {
        Board board = play("1x 1o 2x 2o 3x 3o");

        assertThat(board.drop(4, Disc.X)).contains(Board.Direction.ACROSS);
    }

    @Test
    void fourUpAColumnWin() {
        Board board = play("1x 2o 1x 2o 1x 2o");

        assertThat(board.drop(1, Disc.X)).contains(Board.Direction.UP);
    }

    @Test
    void fourOnARisingDiagonalWin() {
        // X on (1,1) (2,2) (3,3), O under them; the last X lands on (4,4).
        Board board = play("1x 2o 2x 3o 4x 3o 3x 4o 4o 5x");

        assertThat(board.drop(4, Disc.X)).contains(Board.Direction.RISING);
    }

    @Test
    void fourOnAFallingDiagonalWin() {
        Board board = play("7x 6o 6x 5o 4x 5o 5x 4o 4o 3x");

        assertThat(board.drop(4, Disc.X)).contains(Board.Direction.FALLING);
    }

    @Test
    void aDiscThatJoinsTwoRunsInTheMiddleWins() {
        Board board = play("1x 1o 2x 2o 4x 4o");

        assertThat(board.drop(3, Disc.X)).contains(Board.Direction.ACROSS);
    }

    @Test
    void threeInARowOrFourOfMixedDiscsDoNotWin() {
        Board board = play("1x 2x 3x");

        assertThat(board.drop(4, Disc.O)).isEmpty();
        assertThat(board.drop(5, Disc.X)).isEmpty();
    }

    @Test
    void aFullColumnTakesNoMoreAndSaysSo() {
        Board board = play("1x 1o 1x 1o 1x 1o");

        assertThat(board.isFull(1)).isTrue();
        assertThat(board.isFull(2)).isFalse();
        assertThatThrownBy(() -> board.drop(1, Disc.X)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 1 is full");
    }

    @Test
    void thereAreSevenColumnsNumberedFromOne() {
        Board board = new Board();

        assertThatThrownBy(() -> board.drop(0, Disc.X)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> board.drop(8, Disc.X)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBoardFilledWithNoFourIsFull() {
        Board board = new Board();
        // Row after row from the bottom, two rows that alternate: no four across, up, or on a diagonal.
        List<String> rows = List.of("XXOXXOO", "OOXOOXX");
        for (int row = 0; row < Board.ROWS; row++) {
            for (int column = 1; column <= Board.COLUMNS; column++) {
                Disc disc = Disc.valueOf(String.valueOf(rows.get(row % 2).charAt(column - 1)));
                assertThat(board.drop(column, disc)).as("row %d column %d", row, column).isEmpty();
            }
        }

        assertThat(board.isFull()).isTrue();
        assertThat(board.moves()).isEqualTo(Board.ROWS * Board.COLUMNS);
    }

    /** A board after {@code moves}: {@code 3x} drops X into column 3. */
    static Board play(String moves) {
        Board board = new Board();
        for (String move : moves.split(" ")) {
            Optional<Board.Direction> four = board.drop(move.charAt(0) - '0', move.charAt(1) == 'x' ? Disc.X : Disc.O);
            assertThat(four).as("no four before the last move, at %s", move).isEmpty();
        }
        return board;
    }
}
