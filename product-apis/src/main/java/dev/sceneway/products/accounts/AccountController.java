package dev.sceneway.products.accounts;

import dev.sceneway.products.accounts.generated.api.AccountsApi;
import dev.sceneway.products.accounts.generated.model.Account;
import dev.sceneway.products.accounts.generated.model.AccountKind;
import dev.sceneway.products.accounts.generated.model.AccountList;
import dev.sceneway.products.accounts.generated.model.Balances;
import dev.sceneway.products.accounts.generated.model.Direction;
import dev.sceneway.products.accounts.generated.model.PageLinks;
import dev.sceneway.products.accounts.generated.model.Transaction;
import dev.sceneway.products.accounts.generated.model.TransactionPage;
import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.ConsentGuard;
import dev.sceneway.products.consent.ConsentType;
import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.ledger.LedgerAccount;
import dev.sceneway.products.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Accounts API, implementing the interface generated from {@code openapi/specs/accounts.yaml}. Every operation
 * first checks the consent (type, bank, permission: {@link ConsentGuard}), then object-level access
 * ({@link ConsentedAccounts}); only then does it read the ledger. Generated models stop here.
 */
@RestController
class AccountController implements AccountsApi {

    static final String PERMISSION_ACCOUNTS = "accounts";
    static final String PERMISSION_BALANCES = "balances";
    static final String PERMISSION_TRANSACTIONS = "transactions";

    private final ConsentGuard consents;
    private final ConsentedAccounts accounts;
    private final Statements statements;
    private final BankProperties bank;
    private final AccountsProperties properties;
    private final Clock clock;

    AccountController(ConsentGuard consents, ConsentedAccounts accounts, Statements statements, BankProperties bank,
            AccountsProperties properties) {
        this.consents = consents;
        this.accounts = accounts;
        this.statements = statements;
        this.bank = bank;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public ResponseEntity<AccountList> listAccounts(String bankId, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.ACCOUNT_ACCESS, PERMISSION_ACCOUNTS);
        List<Account> data = accounts.all(consent).stream().map(this::toApi).toList();
        String self = UriComponentsBuilder.fromPath(PATH_LIST_ACCOUNTS).buildAndExpand(bank.id()).toUriString();
        return ResponseEntity.ok(new AccountList(data, new PageLinks(self)));
    }

    @Override
    public ResponseEntity<Account> getAccount(String bankId, String accountId, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.ACCOUNT_ACCESS, PERMISSION_ACCOUNTS);
        return ResponseEntity.ok(toApi(accounts.one(consent, accountId)));
    }

    /** {@code available = booked + overdraftLimit} (see LedgerAccount#available): no reservations exist to subtract. */
    @Override
    public ResponseEntity<Balances> getAccountBalances(String bankId, String accountId,
            @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.ACCOUNT_ACCESS, PERMISSION_BALANCES);
        LedgerAccount account = accounts.one(consent, accountId);
        return ResponseEntity.ok(new Balances(account.accountId(), account.currency().getCurrencyCode(),
                money(account.bookedBalance()), money(available(account)), money(overdraft(account)),
                clock.instant().atOffset(ZoneOffset.UTC)));
    }

    /**
     * One page, newest first. Fetches {@code limit + 1} rows: the extra row only tells whether a next page exists.
     * The filters are days of the bank's calendar ({@link AccountsProperties#timeZone()}), turned into a half-open
     * range of instants: [start of bookedFrom, start of the day after bookedTo).
     */
    @Override
    public ResponseEntity<TransactionPage> listAccountTransactions(String bankId, String accountId,
            @Nullable UUID xFapiInteractionId, @Nullable String bookedFrom, @Nullable String bookedTo,
            @Nullable Direction direction, @Nullable String cursor, Integer limit) {
        CustomerConsent consent = consents.require(ConsentType.ACCOUNT_ACCESS, PERMISSION_TRANSACTIONS);
        LedgerAccount account = accounts.one(consent, accountId);
        Optional<LocalDate> from = date("bookedFrom", bookedFrom);
        Optional<LocalDate> to = date("bookedTo", bookedTo);
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw ProblemException.badRequest("Parameter 'bookedFrom' must not be after 'bookedTo'.");
        }
        TransactionCursor after = cursor == null ? null : TransactionCursor.decode(cursor);
        Boolean credits = direction == null ? null : direction == Direction.CREDIT;
        List<StatementLine> rows = statements.read(new StatementQuery(account.accountId(),
                from.map(this::startOf).orElse(null), to.map(day -> startOf(day.plusDays(1))).orElse(null),
                credits, after, limit + 1));
        List<StatementLine> page = rows.subList(0, Math.min(limit, rows.size()));
        PageLinks links = new PageLinks(transactionsLink(accountId, limit, bookedFrom, bookedTo, direction, cursor));
        if (rows.size() > limit) {
            StatementLine last = page.getLast();
            links.setNext(transactionsLink(accountId, limit, bookedFrom, bookedTo, direction,
                    new TransactionCursor(last.bookedAt(), last.transactionId()).encode()));
        }
        return ResponseEntity.ok(new TransactionPage(page.stream().map(this::toApi).toList(), links));
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(properties.timeZone()).toInstant();
    }

    private static Optional<LocalDate> date(String parameter, @Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Parameter '" + parameter + "' must be a date like 2026-10-31.");
        }
    }

    private String transactionsLink(String accountId, int limit, @Nullable String bookedFrom,
            @Nullable String bookedTo, @Nullable Direction direction, @Nullable String cursor) {
        return UriComponentsBuilder.fromPath(PATH_LIST_ACCOUNT_TRANSACTIONS)
                .queryParam("limit", limit)
                .queryParamIfPresent("bookedFrom", Optional.ofNullable(bookedFrom))
                .queryParamIfPresent("bookedTo", Optional.ofNullable(bookedTo))
                .queryParamIfPresent("direction", Optional.ofNullable(direction).map(Direction::getValue))
                .queryParamIfPresent("cursor", Optional.ofNullable(cursor))
                .buildAndExpand(bank.id(), accountId)
                .toUriString();
    }

    private Account toApi(LedgerAccount account) {
        return new Account(account.accountId(), bank.id(), kind(account), account.name(),
                account.currency().getCurrencyCode(), money(overdraft(account)), account.openedOn().toString());
    }

    /** Amounts are stored with scale 2 (NUMERIC(19,2)); shown as they are, as decimal strings. */
    private Transaction toApi(StatementLine line) {
        return new Transaction(line.transactionId(), line.bookedAt().atOffset(ZoneOffset.UTC),
                LocalDate.ofInstant(line.bookedAt(), properties.timeZone()).toString(),
                line.amount().signum() > 0 ? Direction.CREDIT : Direction.DEBIT, money(line.amount().abs()),
                line.currency().getCurrencyCode(), line.kind(), line.description());
    }

    private static AccountKind kind(LedgerAccount account) {
        return AccountKind.fromValue(account.kind().name().toLowerCase(Locale.ROOT));
    }

    /** Customers' accounts always have a limit (the schema allows none only for the bank's own accounts). */
    private static BigDecimal overdraft(LedgerAccount account) {
        return account.overdraftLimit() == null ? BigDecimal.ZERO.setScale(2) : account.overdraftLimit();
    }

    private static BigDecimal available(LedgerAccount account) {
        BigDecimal available = account.available();
        return available == null ? account.bookedBalance() : available;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
