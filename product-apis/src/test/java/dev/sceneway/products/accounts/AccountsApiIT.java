package dev.sceneway.products.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.LakesideInstanceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The Accounts API on the sandbox ledger of lakeside, under account-access consents. Every response is checked against
 * accounts.yaml (ContractResponses).
 */
class AccountsApiIT extends LakesideInstanceTest {

    static final String ACCOUNTS = "/v1/banks/lakeside/accounts";

    @Test
    void listAccountsWhenConsentNamesBothOfAlicesAccountsThenListsExactlyThemWithDetails() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-SAV", "LS-ALICE-CUR").sign();

        call(ACCOUNTS, token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].accountId", contains("LS-ALICE-CUR", "LS-ALICE-SAV")))
                .andExpect(jsonPath("$.data[0].kind").value("current"))
                .andExpect(jsonPath("$.data[0].currency").value("EUR"))
                .andExpect(jsonPath("$.data[0].overdraftLimit").value("500.00"))
                .andExpect(jsonPath("$.data[1].kind").value("savings"))
                .andExpect(jsonPath("$.links.self").value(ACCOUNTS));
    }

    @Test
    void listAccountsWhenConsentAlsoNamesAnotherCustomersAccountThenOnlyTheCustomersOwnAreListed() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside")
                .accounts("LS-ALICE-CUR", "LS-BOB-CUR", "LS-SHOP-MERCHANT", "LS-BANK-CLEARING").sign();

        call(ACCOUNTS, token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].accountId", contains("LS-ALICE-CUR")));
    }

    @Test
    void getAccountWhenInTheConsentThenDetails() throws Exception {
        String token = ConsentTokens.accountAccess("bob", "lakeside").accounts("LS-BOB-CUR").permissions("accounts")
                .sign();

        call(ACCOUNTS + "/LS-BOB-CUR", token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accountId").value("LS-BOB-CUR"))
                .andExpect(jsonPath("$.bankId").value("lakeside"))
                .andExpect(jsonPath("$.name").value("Current account"))
                .andExpect(jsonPath("$.openedOn").value("2022-09-01"));
    }

    @Test
    void balancesWhenInTheConsentThenBookedAndAvailableIsBookedPlusOverdraft() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR").permissions("balances")
                .sign();

        call(ACCOUNTS + "/LS-ALICE-CUR/balances", token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accountId").value("LS-ALICE-CUR"))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.booked").value("2500.00"))
                .andExpect(jsonPath("$.overdraftLimit").value("500.00"))
                .andExpect(jsonPath("$.available").value("3000.00"));
    }

    @Test
    void accountWhenOwnedByAnotherCustomerThenResourceNotInConsentEvenIfTheConsentNamesIt() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR", "LS-BOB-CUR").sign();

        for (String path : new String[] {"", "/balances", "/transactions"}) {
            expectProblem(call(ACCOUNTS + "/LS-BOB-CUR" + path, token), "resource-not-in-consent");
        }
    }

    @Test
    void accountWhenNotInTheConsentThenTheSameAnswerWhetherItExistsOrNot() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR").sign();

        String existing = expectProblem(call(ACCOUNTS + "/LS-ALICE-SAV", token), "resource-not-in-consent")
                .andReturn().getResponse().getContentAsString();
        String missing = expectProblem(call(ACCOUNTS + "/LS-NO-SUCH-ACCOUNT", token), "resource-not-in-consent")
                .andReturn().getResponse().getContentAsString();
        String missingButNamed = expectProblem(call(ACCOUNTS + "/LS-GHOST",
                        ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-GHOST").sign()),
                "resource-not-in-consent").andReturn().getResponse().getContentAsString();

        assertThat(withoutInstance(existing)).isEqualTo(withoutInstance(missing))
                .isEqualTo(withoutInstance(missingButNamed));
    }

    @Test
    void accountWhenItIsTheCustomersAccountAtAnotherBankThenResourceNotInConsent() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("HB-ALICE-CUR").sign();

        expectProblem(call(ACCOUNTS + "/HB-ALICE-CUR/balances", token), "resource-not-in-consent");
    }

    @Test
    void accountsWhenConsentWasGrantedAtAnotherBankThenConsentWrongBank() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "harbour").accounts("LS-ALICE-CUR").sign();

        expectProblem(call(ACCOUNTS, token), "consent-wrong-bank");
        expectProblem(call(ACCOUNTS + "/LS-ALICE-CUR", token), "consent-wrong-bank");
    }

    @Test
    void eachOperationWhenTheConsentLacksItsPermissionThenConsentPermissionMissing() throws Exception {
        String balancesOnly = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR")
                .permissions("balances").sign();
        String accountsOnly = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR")
                .permissions("accounts").sign();

        expectProblem(call(ACCOUNTS, balancesOnly), "consent-permission-missing");
        expectProblem(call(ACCOUNTS + "/LS-ALICE-CUR", balancesOnly), "consent-permission-missing");
        expectProblem(call(ACCOUNTS + "/LS-ALICE-CUR/transactions", balancesOnly), "consent-permission-missing");
        expectProblem(call(ACCOUNTS + "/LS-ALICE-CUR/balances", accountsOnly), "consent-permission-missing");
    }

    @Test
    void accountsWhenTheTokenCarriesNoAccountAccessConsentThenConsentRequired() throws Exception {
        String partnerLevel = dev.sceneway.products.support.ProductTokens.withScope("accounts");
        String paymentConsent = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR")
                .type("payment").sign();

        expectProblem(call(ACCOUNTS, partnerLevel), "consent-required");
        expectProblem(call(ACCOUNTS + "/LS-ALICE-CUR", paymentConsent), "consent-required");
    }

    @Test
    void accountsWhenTheTokenLacksScopeAccountsThenInsufficientScope() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR").scope("payments")
                .sign();

        expectProblem(call(ACCOUNTS + "/LS-ALICE-CUR", token), "insufficient-scope");
    }

    @Test
    void accountsWhenPathNamesAnotherBankThenNotFound() throws Exception {
        String token = ConsentTokens.accountAccess("alice", "harbour").accounts("HB-ALICE-CUR").sign();

        call("/v1/banks/harbour/accounts/HB-ALICE-CUR", token)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"));
    }

    @Test
    void listAccountsWhenCustomersDifferThenEachSeesOnlyTheirOwn() throws Exception {
        String bob = ConsentTokens.accountAccess("bob", "lakeside").accounts("LS-BOB-CUR", "LS-ALICE-CUR").sign();

        call(ACCOUNTS, bob)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].accountId", contains("LS-BOB-CUR")))
                .andExpect(jsonPath("$.data[*].bankId", everyItem(is("lakeside"))));
    }

    private ResultActions call(String path, String token) throws Exception {
        return mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, bearer(token)));
    }

    static ResultActions expectProblem(ResultActions result, String type) throws Exception {
        return result.andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/" + type))
                .andExpect(jsonPath("$.status").value(403));
    }

    private static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\":\"[^\"]*\"", "");
    }
}
