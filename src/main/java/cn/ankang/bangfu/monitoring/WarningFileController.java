package cn.ankang.bangfu.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.audit.HttpAudit;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.errors.Messages;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /warnings}: the warnings import for departments that send files, a UTF-8
 * CSV file with a header row, answered like {@code importRiskWarnings}. Columns are named
 * in English or Chinese; values that cannot be read are reported per row with the rest.
 */
@RestController
class WarningFileController {

	/** Larger than 5,000 rows of any sensible width, small enough to read at once. */
	static final int MAX_BYTES = 4 * 1024 * 1024;

	private static final Map<String, String> COLUMNS = columns();

	private final WarningService warnings;

	private final Messages messages;

	private final HttpAudit audit;

	WarningFileController(WarningService warnings, Messages messages, HttpAudit audit) {
		this.audit = audit;
		this.warnings = warnings;
		this.messages = messages;
	}

	private static Map<String, String> columns() {
		Map<String, String> columns = new LinkedHashMap<>();
		for (String[] names : new String[][] { { "idNumber", "身份证号" }, { "personName", "姓名" }, { "kind", "预警类型" },
				{ "source", "数据来源" }, { "occurredOn", "发生日期" }, { "amount", "金额" }, { "detail", "详情" },
				{ "villageCode", "村代码" }, { "townCode", "镇代码" } }) {
			columns.put(names[0].toLowerCase(Locale.ROOT), names[0]);
			columns.put(names[1], names[0]);
		}
		return columns;
	}

	@PostMapping("/warnings")
	ResponseEntity<Map<String, Object>> importFile(HttpServletRequest request) throws IOException {
		Auth.require();
		MediaType type = (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType())
				: MediaType.APPLICATION_OCTET_STREAM;
		if (!type.isCompatibleWith(MediaType.parseMediaType("text/csv"))) {
			return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.INVALID_ARGUMENT,
					"Send the warnings as 'Content-Type: text/csv' (UTF-8, a header row, one warning per line).",
					request);
		}
		if (request.getContentLengthLong() > MAX_BYTES) {
			return error(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.DOCUMENT_TOO_LARGE,
					"A warnings file is at most %d bytes: split it.".formatted(MAX_BYTES), request);
		}
		byte[] body = readBounded(request.getInputStream());
		if (body == null) {
			return error(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.DOCUMENT_TOO_LARGE,
					"A warnings file is at most %d bytes: split it.".formatted(MAX_BYTES), request);
		}
		List<WarningService.Row> rows = new ArrayList<>();
		List<WarningService.RowError> errors = new ArrayList<>();
		try (Reader reader = utf8(body);
				CSVParser parser = CSVFormat.RFC4180.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.setIgnoreEmptyLines(true)
					.setTrim(true)
					.get()
					.parse(reader)) {
			Map<String, String> header = new LinkedHashMap<>();
			for (String name : parser.getHeaderNames()) {
				String column = COLUMNS.get(name.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT));
				if (column == null) {
					column = COLUMNS.get(name.strip().replace("\uFEFF", ""));
				}
				if (column == null) {
					return error(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
							"Unknown column '%s': the columns are %s.".formatted(name,
									String.join(", ", new java.util.LinkedHashSet<>(COLUMNS.values()))),
							request);
				}
				header.put(column, name);
			}
			int number = 0;
			for (CSVRecord record : parser) {
				number++;
				if (number > WarningService.MAX_ROWS) {
					return payload(new WarningService.ImportPayload(0, 0, 0, 0, 0, List.of(),
							List.of(UserError.of("INVALID_INPUT",
									"A file holds at most %d warnings.".formatted(WarningService.MAX_ROWS), "file"))),
							request);
				}
				rows.add(row(number, record, header, errors));
			}
		}
		catch (CharacterCodingException ex) {
			return error(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "The file is not UTF-8 text.", request);
		}
		catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
			return error(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
					"The file is not CSV with a header row of column names.", request);
		}
		WarningService.ImportPayload imported = this.warnings.importWarnings(rows, errors);
		if (imported.matched() + imported.unmatched() + imported.merged() > 0) {
			// the same change as importRiskWarnings, which the GraphQL audit records
			this.audit.mutation(Auth.require(), "importRiskWarningsFile", List.of(), request.getRemoteAddr());
		}
		return payload(imported, request);
	}

	private static WarningService.Row row(int number, CSVRecord record, Map<String, String> header,
			List<WarningService.RowError> errors) {
		RiskWarning.Kind kind = null;
		String kindText = value(record, header, "kind");
		if (kindText != null) {
			try {
				kind = RiskWarning.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new WarningService.RowError(number, "kind", "INVALID_INPUT",
						"The kind is one of MEDICAL_EXPENSE, DISABILITY, EDUCATION, DISASTER, EMPLOYMENT, OTHER."));
			}
		}
		LocalDate occurred = null;
		String date = value(record, header, "occurredOn");
		if (date != null) {
			try {
				occurred = LocalDate.parse(date);
			}
			catch (DateTimeParseException ex) {
				errors.add(new WarningService.RowError(number, "occurredOn", "INVALID_INPUT",
						"The date is between 2000-01-01 and today, as YYYY-MM-DD."));
			}
		}
		BigDecimal amount = null;
		String amountText = value(record, header, "amount");
		if (amountText != null) {
			try {
				amount = new BigDecimal(amountText);
			}
			catch (NumberFormatException ex) {
				errors.add(new WarningService.RowError(number, "amount", "INVALID_INPUT",
						"An amount lies between 0 and 100,000,000 yuan, to the fen."));
			}
		}
		if (!record.isConsistent()) {
			errors.add(new WarningService.RowError(number, "row", "INVALID_INPUT",
					"The line has %d values; the header names %d.".formatted(record.size(), header.size())));
		}
		// a value that could not be read is reported above, and not again as missing
		return new WarningService.Row(number, value(record, header, "idNumber"), value(record, header, "personName"),
				(kind != null) ? kind : (kindText != null) ? RiskWarning.Kind.OTHER : null,
				value(record, header, "source"),
				(occurred != null) ? occurred : (date != null) ? LocalDate.now() : null, amount,
				value(record, header, "detail"), value(record, header, "villageCode"),
				value(record, header, "townCode"));
	}

	private static @Nullable String value(CSVRecord record, Map<String, String> header, String column) {
		String name = header.get(column);
		if (name == null || !record.isSet(name)) {
			return null;
		}
		String value = record.get(name);
		return value.isEmpty() ? null : value;
	}

	private static Reader utf8(byte[] body) {
		return new InputStreamReader(new java.io.ByteArrayInputStream(body),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT));
	}

	/** The body, or null when it is longer than {@link #MAX_BYTES}. */
	private static byte @Nullable [] readBounded(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BYTES + 1);
		return (body.length > MAX_BYTES) ? null : body;
	}

	private ResponseEntity<Map<String, Object>> payload(WarningService.ImportPayload payload,
			HttpServletRequest request) {
		Locale locale = locale(request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("matched", payload.matched());
		body.put("unmatched", payload.unmatched());
		body.put("merged", payload.merged());
		body.put("casesOpened", payload.casesOpened());
		body.put("tasksCreated", payload.tasksCreated());
		body.put("rowErrors",
				payload.rowErrors()
					.stream()
					.map((e) -> Map.of("row", e.row(), "column", e.column(), "code", e.code(), "message",
							this.messages.localize(locale, e.code(), List.of(e.column()), e.message())))
					.toList());
		body.put("userErrors",
				payload.userErrors()
					.stream()
					.map((e) -> Map.of("code", e.code(), "field", e.field(), "message",
							this.messages.localize(locale, e.code(), e.field(), e.message())))
					.toList());
		boolean refused = !payload.rowErrors().isEmpty() || !payload.userErrors().isEmpty();
		return ResponseEntity.status(refused ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

	private ResponseEntity<Map<String, Object>> error(HttpStatus status, ErrorCode code, String message,
			HttpServletRequest request) {
		String localized = this.messages.localize(locale(request), code.name(), List.of(), message);
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("errors", List.of(Map.of("message", localized, "extensions", Map.of("code", code.name())))));
	}

	private static Locale locale(HttpServletRequest request) {
		return Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
	}

}
