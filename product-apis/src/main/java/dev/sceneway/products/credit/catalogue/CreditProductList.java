package dev.sceneway.products.credit.catalogue;

import java.util.List;

/** The catalogue response: {@code {"data":[...]}}, leaving room for paging metadata next to {@code data}. */
record CreditProductList(List<CreditProductResponse> data) {
}
