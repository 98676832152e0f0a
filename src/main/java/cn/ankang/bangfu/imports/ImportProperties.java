package cn.ankang.bangfu.imports;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and storage of spreadsheet imports.
 *
 * @param directory where uploaded files are kept, each under its SHA-256, until they are
 * committed or given up
 * @param maxBytes the largest file accepted, as uploaded
 * @param maxRows the most data rows one file may hold
 * @param maxExpandedBytes the most an XLSX file may expand to when unzipped
 * @param maxRatio the most an XLSX file's parts may expand against the file's size (a
 * real workbook stays far below; a zip bomb does not)
 */
@ConfigurationProperties("bangfu.imports")
record ImportProperties(@DefaultValue(".bangfu/imports") Path directory, @DefaultValue("67108864") long maxBytes,
		@DefaultValue("200000") int maxRows, @DefaultValue("1073741824") long maxExpandedBytes,
		@DefaultValue("100") int maxRatio) {
}
