package cn.ankang.bangfu.shared.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Error messages in the language the client asks for: Chinese unless it prefers English
 * ({@code Accept-Language}). Codes stay the same in every language; programs branch on
 * them, people read the messages. English messages are written where the error is raised;
 * Chinese ones come from {@code i18n/errors_zh.properties}, by code and input field.
 */
@Component
public class Messages {

	/** The key of the request's language in the GraphQL context. */
	public static final String LOCALE = Messages.class.getName() + ".locale";

	private static final List<Locale> SPOKEN = List.of(Locale.CHINESE, Locale.ENGLISH);

	private final ResourceBundleMessageSource chinese = new ResourceBundleMessageSource();

	Messages() {
		this.chinese.setBasename("i18n/errors");
		this.chinese.setDefaultEncoding("UTF-8");
		this.chinese.setFallbackToSystemLocale(false);
	}

	/** The language of the answer to a request with these headers: Chinese by default. */
	public static Locale of(HttpHeaders headers) {
		if (!headers.containsHeader(HttpHeaders.ACCEPT_LANGUAGE)) {
			return Locale.CHINESE;
		}
		try {
			Locale chosen = Locale.lookup(headers.getAcceptLanguageAsLocales()
				.stream()
				.map((locale) -> new Locale.LanguageRange(locale.toLanguageTag()))
				.toList(), SPOKEN);
			return (chosen != null) ? chosen : Locale.CHINESE;
		}
		catch (IllegalArgumentException ex) {
			return Locale.CHINESE;
		}
	}

	/** The language of the answer to a request with this {@code Accept-Language}. */
	public static Locale of(@Nullable String acceptLanguage) {
		HttpHeaders headers = new HttpHeaders();
		if (acceptLanguage != null) {
			headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
		}
		return of(headers);
	}

	/**
	 * The message of a coded error in the language.
	 * @param english the message in English, as raised
	 * @param field the input field at fault, if any
	 */
	public String localize(Locale locale, String code, List<String> field, String english) {
		if (!locale.getLanguage().equals(Locale.CHINESE.getLanguage())) {
			return english;
		}
		List<String> keys = new ArrayList<>();
		if (!field.isEmpty()) {
			keys.add("error." + code + "." + field.get(field.size() - 1));
		}
		keys.add("error." + code);
		for (String key : keys) {
			try {
				return this.chinese.getMessage(key, new Object[] { english }, Locale.CHINESE);
			}
			catch (NoSuchMessageException ex) {
				// try the next, more general key
			}
		}
		return english;
	}

}
