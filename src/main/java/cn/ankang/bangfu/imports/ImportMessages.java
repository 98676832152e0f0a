package cn.ankang.bangfu.imports;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The messages of imports ({@code i18n/imports*.properties}): problems, notices and
 * differences are kept as keys with arguments and put into words when they are read, in
 * the reader's language (Chinese unless they ask for English).
 */
final class ImportMessages {

	private ImportMessages() {
	}

	static String text(Locale locale, String key, List<String> args) {
		ResourceBundle bundle = ResourceBundle.getBundle("i18n/imports",
				locale.getLanguage().equals("en") ? Locale.ROOT : Locale.CHINESE,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		String pattern;
		try {
			pattern = bundle.getString(key);
		}
		catch (MissingResourceException ex) {
			return key + " " + String.join(" ", args);
		}
		return new MessageFormat(pattern, locale).format(args.toArray());
	}

}
