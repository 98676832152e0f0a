package cn.ankang.bangfu.export;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.security.audit.HttpAudit;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.errors.Messages;
import cn.ankang.bangfu.view.ViewExport;
import cn.ankang.bangfu.view.ViewService;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads, for signed-in users, always of what they may see: a saved view, any query's
 * data (a figure), and the visits of a period, which may run to millions of rows and so
 * stream from the database to the client.
 */
@RestController
class ExportController {

	private final ViewService views;

	private final VisitExport visits;

	private final HttpAudit audit;

	private final Clock clock;

	ExportController(ViewService views, VisitExport visits, HttpAudit audit, Clock clock) {
		this.views = views;
		this.visits = visits;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/exports/views/{id}")
	void view(@PathVariable String id, @RequestParam(defaultValue = "csv") String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		CurrentUser user = Auth.require();
		TableWriter.Format chosen = format(format);
		AuditTrail trail = new AuditTrail();
		ViewExport export = this.views.exportView(id, locale(request), trail);
		// a download leaves the service whole: that it was made is on record, and which
		// records' personal data it held unmasked, whether or not it was finished
		write(export, chosen, response, () -> this.audit.personalRead(user, "exportView", withReads(List.of(id), trail),
				request.getRemoteAddr()));
	}

	@PostMapping("/exports")
	void query(@RequestBody Map<String, Object> body, @RequestParam(defaultValue = "csv") String format,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		CurrentUser user = Auth.require();
		if (!(body.get("query") instanceof String document)) {
			throw ApiException.invalidArgument("Send the GraphQL query to export as 'query'.");
		}
		TableWriter.Format chosen = format(format);
		@SuppressWarnings("unchecked")
		Map<String, Object> variables = (body.get("variables") instanceof Map<?, ?> map) ? (Map<String, Object>) map
				: null;
		AuditTrail trail = new AuditTrail();
		ViewExport export = this.views.exportQuery(document, variables, locale(request), trail);
		write(export, chosen, response, () -> this.audit.personalRead(user, "exportQuery", withReads(List.of(), trail),
				request.getRemoteAddr()));
	}

	@GetMapping("/exports/visits")
	void visits(@RequestParam LocalDate from, @RequestParam LocalDate to,
			@RequestParam(defaultValue = "csv") String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		CurrentUser user = Auth.require();
		if (from.isAfter(to)) {
			throw ApiException.invalidArgument("The period starts on %s, after it ends on %s.".formatted(from, to));
		}
		TableWriter.Format chosen = format(format);
		this.audit.personalRead(user, "exportVisits", List.of(from + "/" + to), request.getRemoteAddr());
		FileNames.Name name = FileNames.visits(from, to, LocalDate.now(this.clock));
		headers(response, name, chosen);
		TableWriter table = chosen.open(response.getOutputStream(), "走访记录", this.clock.getZone());
		this.visits.write(from, to, table);
		table.close();
	}

	/**
	 * Streams the export's rows, page after page, into the response; its first page ran
	 * before, so a query that fails is refused with its error before anything is written.
	 * A page that fails later breaks the download off unfinished (an .xlsx that does not
	 * open, a transfer cut short), never a file that passes for whole.
	 */
	private void write(ViewExport export, TableWriter.Format format, HttpServletResponse response, Runnable audit)
			throws IOException {
		boolean audited = false;
		try {
			FileNames.Name name = FileNames.of(export, LocalDate.now(this.clock));
			headers(response, name, format);
			TableWriter writer = format.open(response.getOutputStream(), name.sheet(), this.clock.getZone());
			writer.header(export.columns());
			try {
				export.rows((row) -> writer.row(row.cells()));
			}
			catch (ApiException ex) {
				throw new BrokenDownload(ex);
			}
			// on record before the file is finished: finishing it ends the answer
			audit.run();
			audited = true;
			writer.close();
		}
		finally {
			if (!audited) {
				audit.run();
			}
		}
	}

	private static List<String> withReads(List<String> targets, AuditTrail trail) {
		List<String> all = new java.util.ArrayList<>(targets);
		all.addAll(trail.personalReads());
		return all;
	}

	/**
	 * A download that failed after it began: the answer is under way, so no error can be
	 * sent; the server breaks it off.
	 */
	static final class BrokenDownload extends RuntimeException {

		BrokenDownload(ApiException cause) {
			super("The download broke off: " + cause.getMessage(), cause);
		}

	}

	private static void headers(HttpServletResponse response, FileNames.Name name, TableWriter.Format format) {
		response.setContentType(format.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, name.disposition(format));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private static TableWriter.Format format(String format) {
		try {
			return TableWriter.Format.valueOf(format.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ErrorCode.INVALID_ARGUMENT, "'format' is csv or xlsx.");
		}
	}

	private static Locale locale(HttpServletRequest request) {
		return Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
	}

}
