package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.errors.Messages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The imports over HTTP, for officers' pages and scripts: the kinds and their templates,
 * an upload (the file as the request body) that starts a check, the import's status to
 * poll, its findings page by page, the problems workbook, and commit, check again and
 * cancel. Signed-in users only, each seeing their own imports; every answer is JSON with
 * messages in the request's language, and every refusal a coded error.
 */
@RestController
class ImportController {

	/** The most findings one page answers; more is refused, never cut short. */
	static final int MAX_PAGE = 1000;

	private final ImportService imports;

	private final ImportKinds kinds;

	private final ImportUploads uploads;

	private final ImportWorkbooks workbooks;

	private final Messages messages;

	ImportController(ImportService imports, ImportKinds kinds, ImportUploads uploads, ImportWorkbooks workbooks,
			Messages messages) {
		this.imports = imports;
		this.kinds = kinds;
		this.uploads = uploads;
		this.workbooks = workbooks;
		this.messages = messages;
	}

	@GetMapping("/imports/kinds")
	List<Map<String, Object>> kinds() {
		List<Map<String, Object>> kinds = new ArrayList<>();
		for (ImportKind kind : this.kinds.kinds()) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("code", kind.code());
			body.put("title", kind.title());
			body.put("sheet", kind.sheet());
			body.put("template", "/imports/templates/" + kind.code());
			body.put("notes", kind.notes());
			body.put("columns", kind.columns().stream().map((column) -> {
				Map<String, Object> each = new LinkedHashMap<>();
				each.put("key", column.key());
				each.put("header", column.header());
				each.put("aliases", column.aliases());
				each.put("required", column.required());
				each.put("type", column.type().name());
				each.put("choices", column.names());
				each.put("note", column.note());
				return each;
			}).toList());
			kinds.add(body);
		}
		return kinds;
	}

	@GetMapping("/imports/templates/{kind}")
	void template(@PathVariable String kind, HttpServletResponse response) throws IOException {
		Auth.require();
		ImportKind chosen = this.kinds.kind(kind);
		attachment(response, chosen.title() + "_导入模板.xlsx");
		this.workbooks.template(chosen, response.getOutputStream());
	}

	@PostMapping("/imports")
	ResponseEntity<Map<String, Object>> upload(@RequestParam String kind, @RequestParam String fileName,
			HttpServletRequest request) throws IOException {
		ImportRuns.Run run = this.imports.receive(kind, fileName, request.getInputStream(),
				request.getContentLengthLong());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(run, locale(request)));
	}

	@GetMapping("/imports")
	List<Map<String, Object>> recent(@RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
		if (limit < 1 || limit > 200) {
			throw ApiException.invalidArgument("'limit' is between 1 and 200.");
		}
		Locale locale = locale(request);
		return this.imports.recent(limit).stream().map((run) -> status(run, locale)).toList();
	}

	@GetMapping("/imports/{id}")
	Map<String, Object> status(@PathVariable String id, @RequestParam(defaultValue = "0") int waitSeconds,
			HttpServletRequest request) throws InterruptedException {
		return status(this.imports.await(id(id), waitSeconds), locale(request));
	}

	@GetMapping("/imports/{id}/findings")
	Map<String, Object> findings(@PathVariable String id,
			@RequestParam(defaultValue = "PROBLEM,NOTICE,CREATE,CHANGE") List<String> kind,
			@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "200") int limit,
			HttpServletRequest request) {
		if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
			throw ApiException.invalidArgument(
					"'offset' is 0 or more and 'limit' between 1 and %d: page through the rest.".formatted(MAX_PAGE));
		}
		List<Findings.Kind> kinds = new ArrayList<>();
		for (String each : kind) {
			try {
				kinds.add(Findings.Kind.valueOf(each.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalidArgument("'kind' is any of PROBLEM, NOTICE, CREATE, CHANGE.");
			}
		}
		Locale locale = locale(request);
		ImportService.Page page = this.imports.findings(id(id), kinds, offset, limit, request.getRemoteAddr());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total", page.total());
		body.put("offset", offset);
		body.put("findings", page.findings().stream().map((finding) -> finding(finding, locale)).toList());
		return body;
	}

	@GetMapping("/imports/{id}/problems")
	void problems(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		UUID key = id(id);
		ImportRuns.Run run = this.imports.run(key);
		List<Findings.Finding> problems = this.imports
			.findings(key, List.of(Findings.Kind.PROBLEM), 0, Integer.MAX_VALUE, request.getRemoteAddr())
			.findings();
		String base = run.fileName().replaceFirst("\\.[^.]*$", "");
		attachment(response, base + "_问题.xlsx");
		this.workbooks.problems(run, this.kinds.kindOf(run).orElseThrow(), this.uploads.path(key), problems,
				locale(request), response.getOutputStream());
	}

	@PostMapping("/imports/{id}/commit")
	Map<String, Object> commit(@PathVariable String id, @RequestBody @Nullable Map<String, Object> body,
			HttpServletRequest request) {
		if (body == null || !(body.get("sha256") instanceof String sha256)) {
			throw ApiException.invalidArgument(
					"Confirm the file to commit with its SHA-256, as the check answered it: {\"sha256\": \"…\"}.");
		}
		return status(this.imports.commit(id(id), sha256, request.getRemoteAddr()), locale(request));
	}

	@PostMapping("/imports/{id}/check")
	Map<String, Object> recheck(@PathVariable String id, HttpServletRequest request) {
		return status(this.imports.recheck(id(id)), locale(request));
	}

	@PostMapping("/imports/{id}/cancel")
	Map<String, Object> cancel(@PathVariable String id, HttpServletRequest request) {
		return status(this.imports.cancel(id(id)), locale(request));
	}

	@ExceptionHandler(ImportRefusal.class)
	ResponseEntity<Map<String, Object>> refused(ImportRefusal ex, HttpServletRequest request) {
		String message = ImportMessages.text(locale(request), ex.key(), ex.args());
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("errors", List.of(Map.of("message", message, "extensions",
					Map.of("code", ErrorCode.INVALID_FILE.name(), "reason", ex.key())))));
	}

	private static Map<String, Object> status(ImportRuns.Run run, Locale locale) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", run.id().toString());
		body.put("kind", run.kind());
		body.put("fileName", run.fileName());
		body.put("format", run.format().name());
		body.put("sha256", run.sha256());
		body.put("sizeBytes", run.sizeBytes());
		body.put("status", run.status().name());
		body.put("statusText", ImportMessages.text(locale, "status." + run.status().name(), List.of()));
		body.put("rowsRead", run.rowsRead());
		body.put("problems", run.problems());
		body.put("toCreate", run.toCreate());
		body.put("toChange", run.toChange());
		body.put("unchanged", run.unchanged());
		body.put("created", run.created());
		body.put("changed", run.changed());
		body.put("message",
				(run.message() != null) ? ImportMessages.text(locale, run.message(), run.messageArgs()) : null);
		body.put("messageKey", run.message());
		body.put("receivedAt", run.receivedAt().toString());
		body.put("checkedAt", (run.checkedAt() != null) ? run.checkedAt().toString() : null);
		body.put("committedAt", (run.committedAt() != null) ? run.committedAt().toString() : null);
		return body;
	}

	private static Map<String, Object> finding(Findings.Finding finding, Locale locale) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", finding.kind().name());
		body.put("sheet", finding.sheet());
		body.put("row", finding.row());
		body.put("column", finding.column());
		body.put("code", finding.message());
		body.put("message", ImportMessages.text(locale, finding.message(), finding.args()));
		return body;
	}

	private static UUID id(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ErrorCode.NOT_FOUND, "There is no import " + id + ".");
		}
	}

	private static void attachment(HttpServletResponse response, String name) {
		response.setContentType(Spreadsheets.Format.XLSX.contentType());
		String file = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + file);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private static Locale locale(HttpServletRequest request) {
		return Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
	}

}
