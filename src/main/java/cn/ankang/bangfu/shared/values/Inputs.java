package cn.ankang.bangfu.shared.values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;

import org.springframework.stereotype.Component;

import cn.ankang.bangfu.shared.errors.UserError;

/**
 * Checks a mutation's input against the constraints on its record (Bean Validation) and
 * turns every violation into a {@code INVALID_INPUT} user error naming the field, with
 * the message in English and in Chinese ({@code ValidationMessages*.properties}). Inputs
 * are checked before anything is read or written, so a refusal costs no database work.
 */
@Component
public class Inputs {

	private static final Comparator<ConstraintViolation<Object>> ORDER = Comparator
		.comparing((ConstraintViolation<Object> violation) -> violation.getPropertyPath().toString())
		.thenComparing((violation) -> violation.getConstraintDescriptor().getAnnotation().annotationType().getName());

	private final ValidatorFactory englishFactory;

	private final ValidatorFactory chineseFactory;

	private final Validator english;

	private final Validator chinese;

	Inputs() {
		this.englishFactory = factory(Locale.ENGLISH);
		this.chineseFactory = factory(Locale.SIMPLIFIED_CHINESE);
		this.english = this.englishFactory.getValidator();
		this.chinese = this.chineseFactory.getValidator();
	}

	/**
	 * The input's violations as user errors, each with its field's path under
	 * {@code input}; empty when the input is acceptable.
	 */
	public List<UserError> check(Object input) {
		List<ConstraintViolation<Object>> inEnglish = sorted(this.english.validate(input));
		if (inEnglish.isEmpty()) {
			return List.of();
		}
		// the same constraints fail whatever the language: the two lists pair up
		List<ConstraintViolation<Object>> inChinese = sorted(this.chinese.validate(input));
		List<UserError> errors = new ArrayList<>();
		for (int i = 0; i < inEnglish.size(); i++) {
			ConstraintViolation<Object> violation = inEnglish.get(i);
			errors.add(new UserError("INVALID_INPUT", violation.getMessage(), field(violation.getPropertyPath()),
					(i < inChinese.size()) ? inChinese.get(i).getMessage() : null));
		}
		return errors;
	}

	private static List<ConstraintViolation<Object>> sorted(Set<ConstraintViolation<Object>> violations) {
		return violations.stream().sorted(ORDER).toList();
	}

	private static List<String> field(Path path) {
		List<String> field = new ArrayList<>(List.of("input"));
		for (Path.Node node : path) {
			if (node.isInIterable() && node.getIndex() != null) {
				field.add(Integer.toString(node.getIndex()));
			}
			// an element of a list is named by its index alone: "<list element>" is the
			// validator's word, not a field of the input
			if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
				field.add(node.getName());
			}
		}
		return List.copyOf(field);
	}

	private static ValidatorFactory factory(Locale locale) {
		return Validation.byProvider(HibernateValidator.class)
			.configure()
			.defaultLocale(locale)
			.locales(locale)
			.buildValidatorFactory();
	}

	@jakarta.annotation.PreDestroy
	void close() {
		this.englishFactory.close();
		this.chineseFactory.close();
	}

}
