package cn.ankang.bangfu.figure;

/**
 * The value of one dimension a row belongs to.
 *
 * @param dimension the dimension
 * @param value the value for programs
 * @param label the value for people
 */
public record FigureKey(FigureDimension dimension, String value, String label) {
}
