package cn.ankang.bangfu.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and the roles they hold. Changing them is for admins only.
 */
@Service
@Transactional
public class AccountService {

	/** The password of every demo account; README.md lists them. */
	public static final String DEMO_PASSWORD = "bangfu-demo";

	private static final Logger log = LoggerFactory.getLogger(AccountService.class);

	private static final int MIN_PASSWORD_LENGTH = 10;

	private final AccountRepository accounts;

	private final SessionRepository sessions;

	private final PasswordEncoder passwords;

	AccountService(AccountRepository accounts, SessionRepository sessions, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.passwords = passwords;
	}

	/** The accounts with these keys, by key. */
	@Transactional(readOnly = true)
	public Map<Long, Account> accountsByKeys(Collection<Long> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return this.accounts.accountsByKeys(keys).stream().collect(Collectors.toMap(Account::key, Function.identity()));
	}

	/** Each account's grants. */
	@Transactional(readOnly = true)
	public Map<Long, List<RoleGrant>> grantsOf(Collection<Long> userKeys) {
		return this.accounts.grantsOf(userKeys)
			.stream()
			.collect(Collectors.groupingBy(AccountRepository.GrantRow::userKey,
					Collectors.mapping(AccountRepository.GrantRow::grant, Collectors.toList())));
	}

	/** A page of accounts by username; admins only. */
	@Transactional(readOnly = true)
	Connection<Account> users(PageRequest page, boolean countTotal) {
		Auth.requireRole(Role.ADMIN);
		List<Account> rows = this.accounts.accounts(page);
		return Connection.of(rows, page,
				(account) -> PageRequest.cursor(AccountRepository.USER_LIST, account.username()),
				countTotal ? this.accounts.countAccounts() : 0);
	}

	/** Creates an account; admins only. */
	Payloads.UserPayload create(String username, String password, String displayName, @Nullable String cadreId) {
		Auth.requireRole(Role.ADMIN);
		String name = username.trim().toLowerCase(Locale.ROOT);
		if (!name.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
			return Payloads.UserPayload.error(UserError.of("INVALID_INPUT",
					"A username has 3 to 64 lower-case letters, digits, dots, dashes or underscores.", "input",
					"username"));
		}
		if (displayName.isBlank()) {
			return Payloads.UserPayload
				.error(UserError.of("INVALID_INPUT", "Give the name shown to people.", "input", "displayName"));
		}
		Optional<UserError> weak = checkPassword(password, "password");
		if (weak.isPresent()) {
			return Payloads.UserPayload.error(weak.get());
		}
		if (this.accounts.usernameTaken(name)) {
			return Payloads.UserPayload.error(
					UserError.of("USERNAME_TAKEN", "The username '%s' is taken.".formatted(name), "input", "username"));
		}
		Long cadreKey = null;
		if (cadreId != null) {
			cadreKey = GlobalId.decodeNumeric(cadreId, "ResidentCadre");
			if (!this.accounts.cadreExists(cadreKey)) {
				return Payloads.UserPayload
					.error(UserError.of("NOT_FOUND", "There is no such cadre.", "input", "cadreId"));
			}
			if (this.accounts.cadreHasAccount(cadreKey)) {
				return Payloads.UserPayload
					.error(UserError.of("INVALID_INPUT", "That cadre has an account already.", "input", "cadreId"));
			}
		}
		long key = this.accounts.insertAccount(name, this.passwords.encode(password), displayName.strip(), cadreKey);
		return Payloads.UserPayload.of(this.accounts.accountsByKeys(List.of(key)).get(0));
	}

	/** Gives a role bound to a jurisdiction; admins only. */
	Payloads.UserPayload grant(long userKey, GrantSpec spec) {
		Auth.requireRole(Role.ADMIN);
		Optional<Account> account = this.accounts.accountsByKeys(List.of(userKey)).stream().findFirst();
		if (account.isEmpty()) {
			return Payloads.UserPayload.error(UserError.of("NOT_FOUND", "There is no such user.", "input", "userId"));
		}
		if (spec.role().isCadreRole() && account.get().cadreKey() == null) {
			return Payloads.UserPayload.error(UserError.of("INVALID_INPUT",
					"%s is a cadre's role: the account must belong to a cadre.".formatted(spec.role()), "input",
					"role"));
		}
		GrantOrError resolved = resolve(spec);
		if (resolved.error() != null) {
			return Payloads.UserPayload.error(resolved.error());
		}
		this.accounts.insertGrant(userKey, resolved.grant());
		return Payloads.UserPayload.of(account.get());
	}

	/** Takes a role away; admins only. */
	Payloads.UserPayload revoke(long userKey, GrantSpec spec) {
		Auth.requireRole(Role.ADMIN);
		GrantOrError resolved = resolve(spec);
		if (resolved.error() != null) {
			return Payloads.UserPayload.error(resolved.error());
		}
		if (this.accounts.deleteGrant(userKey, resolved.grant()) == 0) {
			return Payloads.UserPayload
				.error(UserError.of("NOT_FOUND", "The user holds no such role.", "input", "role"));
		}
		return Payloads.UserPayload.of(this.accounts.accountsByKeys(List.of(userKey)).get(0));
	}

	/** Sets a new password and ends the user's sessions; admins only. */
	Payloads.UserPayload resetPassword(long userKey, String newPassword) {
		Auth.requireRole(Role.ADMIN);
		Optional<UserError> weak = checkPassword(newPassword, "newPassword");
		if (weak.isPresent()) {
			return Payloads.UserPayload.error(weak.get());
		}
		Optional<Account> account = this.accounts.accountsByKeys(List.of(userKey)).stream().findFirst();
		if (account.isEmpty()) {
			return Payloads.UserPayload.error(UserError.of("NOT_FOUND", "There is no such user.", "input", "userId"));
		}
		this.accounts.updatePassword(userKey, this.passwords.encode(newPassword));
		this.sessions.revokeAllOf(userKey, "PASSWORD_RESET");
		return Payloads.UserPayload.of(account.get());
	}

	/**
	 * Gives a cadre a phone account, for the feature that keeps cadres, which has decided
	 * the signed-in user may: a new account (username and password), or an existing one
	 * (its global id) that belongs to no cadre and holds no role but a cadre's. The
	 * account gets the cadre's role, so that its jurisdiction follows the cadre's
	 * postings from its first request.
	 * @return why the account could not be given ({@code INVALID_INPUT},
	 * {@code USERNAME_TAKEN}, {@code NOT_FOUND}, {@code ALREADY_EXISTS}), with fields
	 * under {@code field}; empty when it was
	 */
	public Optional<UserError> openCadreAccount(long cadreKey, CadreAccount account, String displayName, Role role,
			String field) {
		if (!role.isCadreRole()) {
			throw new IllegalArgumentException(role + " is not a cadre's role");
		}
		if (this.accounts.cadreHasAccount(cadreKey)) {
			return Optional.of(new UserError("ALREADY_EXISTS", "The cadre has an account already.",
					List.of("input", field), "该干部已有账号。"));
		}
		boolean existing = account.userId() != null;
		if (existing == (account.username() != null || account.password() != null)) {
			return Optional.of(new UserError("INVALID_INPUT",
					"Give either an existing user's id, or a username and password for a new account.",
					List.of("input", field), "请填写已有用户的标识，或为新账号填写用户名和密码，二者选一。"));
		}
		long userKey;
		if (existing) {
			Optional<Long> key = GlobalId.numericKeyOf(account.userId(), "User");
			Optional<Account> found = key.flatMap((k) -> this.accounts.accountsByKeys(List.of(k)).stream().findFirst());
			if (found.isEmpty()) {
				return Optional.of(new UserError("NOT_FOUND", "There is no such user.",
						List.of("input", field, "userId"), "找不到该用户。"));
			}
			boolean otherRoles = this.accounts.grantsOf(List.of(found.get().key()))
				.stream()
				.anyMatch((grant) -> !grant.grant().role().isCadreRole());
			if (found.get().cadreKey() != null || otherRoles) {
				return Optional.of(new UserError("INVALID_INPUT",
						"Only an account that belongs to no cadre and holds no officer's role becomes a cadre's.",
						List.of("input", field, "userId"), "只有不属于其他干部、且没有其他职务角色的账号才能关联给驻村干部。"));
			}
			userKey = found.get().key();
			this.accounts.linkCadre(userKey, cadreKey);
		}
		else {
			String name = (account.username() != null) ? account.username().trim().toLowerCase(Locale.ROOT) : "";
			if (!name.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
				return Optional.of(new UserError("INVALID_INPUT",
						"A username has 3 to 64 lower-case letters, digits, dots, dashes or underscores.",
						List.of("input", field, "username"), "用户名须为 3 至 64 个小写字母、数字、点、短横线或下划线。"));
			}
			if (account.password() == null || account.password().length() < MIN_PASSWORD_LENGTH) {
				return Optional.of(new UserError("INVALID_INPUT",
						"A password needs at least %d characters.".formatted(MIN_PASSWORD_LENGTH),
						List.of("input", field, "password"), "密码至少 %d 个字符。".formatted(MIN_PASSWORD_LENGTH)));
			}
			if (this.accounts.usernameTaken(name)) {
				return Optional.of(new UserError("USERNAME_TAKEN", "The username '%s' is taken.".formatted(name),
						List.of("input", field, "username"), "用户名 %s 已被占用。".formatted(name)));
			}
			userKey = this.accounts.insertAccount(name, this.passwords.encode(account.password()), displayName,
					cadreKey);
		}
		this.accounts.insertGrant(userKey, new RoleGrant(role, null, null, null, null));
		return Optional.empty();
	}

	/**
	 * Gives the cadre's account, if the cadre has one, the cadre's role for a new posting
	 * (a first secretary's, or a team member's), unless it holds it already.
	 */
	public void grantCadreRole(long cadreKey, Role role) {
		if (!role.isCadreRole()) {
			throw new IllegalArgumentException(role + " is not a cadre's role");
		}
		this.accounts.accountOfCadre(cadreKey)
			.ifPresent((userKey) -> this.accounts.insertGrant(userKey, new RoleGrant(role, null, null, null, null)));
	}

	/**
	 * A cadre's phone account: a new one ({@code username} and {@code password}) or an
	 * existing user's ({@code userId}, a global id).
	 *
	 * @param username the new account's username
	 * @param password the new account's first password
	 * @param userId the existing account's global id
	 */
	public record CadreAccount(@Nullable String username, @Nullable String password, @Nullable String userId) {

		// the password stays out of every text made of this record (the hashes that tell
		// a resend from another change)
		@Override
		public String toString() {
			return "CadreAccount[username=%s, userId=%s]".formatted(this.username, this.userId);
		}

	}

	/**
	 * Creates the demo accounts listed in README.md, all with {@link #DEMO_PASSWORD}.
	 * Only the demo data loader calls this, in the transaction that loads the demo data
	 * into an empty database, so that no real database ever holds accounts with a
	 * published password.
	 * @param cadres the keys of a first secretary and a team member in post, for their
	 * accounts
	 * @param unitKey the assistance unit the demo unit manager manages
	 * @param townKey the town the demo town officer works for (the first secretary's)
	 * @throws IllegalStateException when any account exists already
	 */
	public void createDemoAccounts(long firstSecretaryKey, long teamMemberKey, long unitKey, long townKey) {
		if (this.accounts.countAccounts() > 0) {
			throw new IllegalStateException("Demo accounts go only into a database without accounts");
		}
		String hash = this.passwords.encode(DEMO_PASSWORD);
		long city = this.accounts.keyOf("city", "code", "6109").orElseThrow();
		long county = this.accounts.keyOf("county", "code", "610902").orElseThrow();
		long admin = demo("demo-admin", "演示管理员", null, hash, new RoleGrant(Role.ADMIN, null, null, null, null));
		// the database makes the first account an admin and then takes accounts from
		// admins only (V25): the rest are made as the demo admin
		this.accounts.actAs(admin);
		demo("demo-leader", "演示市级领导", null, hash, new RoleGrant(Role.CITY_LEADER, city, null, null, null));
		demo("demo-county", "演示汉滨区干部", null, hash, new RoleGrant(Role.COUNTY_OFFICER, null, county, null, null));
		demo("demo-town", "演示乡镇干部", null, hash, new RoleGrant(Role.TOWN_OFFICER, null, null, townKey, null));
		demo("demo-unit", "演示帮扶单位管理员", null, hash, new RoleGrant(Role.UNIT_MANAGER, null, null, null, unitKey));
		demo("demo-secretary", "演示第一书记", firstSecretaryKey, hash,
				new RoleGrant(Role.FIRST_SECRETARY, null, null, null, null));
		demo("demo-member", "演示工作队员", teamMemberKey, hash, new RoleGrant(Role.TEAM_MEMBER, null, null, null, null));
		demo("demo-dev", "演示开发者", null, hash, new RoleGrant(Role.DEVELOPER, null, null, null, null));
		log.warn("Created the demo accounts (demo-admin, demo-leader, ...) with the published password: "
				+ "this database is for demonstration only.");
	}

	/**
	 * Creates the demo admin alone, with {@link #DEMO_PASSWORD}, for a demo database that
	 * holds the areas only and gets everything else through the API.
	 * @throws IllegalStateException when any account exists already
	 */
	public void createDemoAdmin() {
		if (this.accounts.countAccounts() > 0) {
			throw new IllegalStateException("Demo accounts go only into a database without accounts");
		}
		demo("demo-admin", "演示管理员", null, this.passwords.encode(DEMO_PASSWORD),
				new RoleGrant(Role.ADMIN, null, null, null, null));
		log.warn("Created the demo admin (demo-admin) with the published password: "
				+ "this database is for demonstration only.");
	}

	private long demo(String username, String displayName, @Nullable Long cadreKey, String hash, RoleGrant grant) {
		long key = this.accounts.insertAccount(username, hash, displayName, cadreKey);
		this.accounts.insertGrant(key, grant);
		return key;
	}

	private GrantOrError resolve(GrantSpec spec) {
		Role role = spec.role();
		String wanted = switch (role) {
			case CITY_LEADER -> "cityCode";
			case COUNTY_OFFICER -> "countyCode";
			case TOWN_OFFICER -> "townCode";
			case UNIT_MANAGER -> "unitId";
			default -> null;
		};
		Map<String, @Nullable String> given = new java.util.HashMap<>();
		given.put("cityCode", spec.cityCode());
		given.put("countyCode", spec.countyCode());
		given.put("townCode", spec.townCode());
		given.put("unitId", spec.unitId());
		for (Map.Entry<String, @Nullable String> entry : given.entrySet()) {
			if (entry.getValue() != null && !entry.getKey().equals(wanted)) {
				return GrantOrError.of(UserError.of("INVALID_INPUT",
						"%s is not bound by %s.".formatted(role, entry.getKey()), "input", entry.getKey()));
			}
		}
		if (wanted == null) {
			return new GrantOrError(new RoleGrant(role, null, null, null, null), null);
		}
		String value = given.get(wanted);
		if (value == null) {
			return GrantOrError
				.of(UserError.of("INVALID_INPUT", "%s needs %s.".formatted(role, wanted), "input", wanted));
		}
		Optional<Long> key = switch (role) {
			case CITY_LEADER -> this.accounts.keyOf("city", "code", value);
			case COUNTY_OFFICER -> this.accounts.keyOf("county", "code", value);
			case TOWN_OFFICER -> this.accounts.keyOf("town", "code", value);
			default -> this.accounts.keyOf("assistance_unit", "id", GlobalId.decodeNumeric(value, "AssistanceUnit"));
		};
		if (key.isEmpty()) {
			return GrantOrError.of(UserError.of("NOT_FOUND", "No %s '%s'.".formatted(wanted, value), "input", wanted));
		}
		return new GrantOrError(switch (role) {
			case CITY_LEADER -> new RoleGrant(role, key.get(), null, null, null);
			case COUNTY_OFFICER -> new RoleGrant(role, null, key.get(), null, null);
			case TOWN_OFFICER -> new RoleGrant(role, null, null, key.get(), null);
			default -> new RoleGrant(role, null, null, null, key.get());
		}, null);
	}

	private static Optional<UserError> checkPassword(String password, String field) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			return Optional.of(UserError.of("INVALID_INPUT",
					"A password needs at least %d characters.".formatted(MIN_PASSWORD_LENGTH), "input", field));
		}
		return Optional.empty();
	}

	/**
	 * A role and the jurisdiction named in a grant or revoke input.
	 */
	record GrantSpec(Role role, @Nullable String cityCode, @Nullable String countyCode, @Nullable String townCode,
			@Nullable String unitId) {
	}

	private record GrantOrError(@Nullable RoleGrant grant, @Nullable UserError error) {

		static GrantOrError of(UserError error) {
			return new GrantOrError(null, error);
		}

	}

}
