package io.tokenfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanNumbersTest {
  @Test
  void significantDigitsWithoutTrailingZeros() {
    assertEquals("0.1", HumanNumbers.significant(0.1, 3)); // the double 0.1 is 0.1000000000000000055…
    assertEquals("0.123", HumanNumbers.significant(0.123456, 3));
    assertEquals("1,230", HumanNumbers.significant(1234.5, 3));
    assertEquals("12,000,000", HumanNumbers.significant(11_999_999, 3));
    assertEquals("1.00e-07", HumanNumbers.significant(1e-7, 3));
    assertEquals("0", HumanNumbers.significant(0, 3));
    assertEquals("n/a", HumanNumbers.significant(Double.NaN, 3));
  }

  @Test
  void unitsForPeople() {
    assertEquals("$1,234,567.89", HumanNumbers.dollars(1234567.891));
    assertEquals("$0.000412", HumanNumbers.dollars(0.00041234));
    assertEquals("-$2.50", HumanNumbers.dollars(-2.5));
    assertEquals("1,500 ms", HumanNumbers.latency(1.5));
    assertEquals("0.25 ms", HumanNumbers.latency(0.00025));
    assertEquals("9,990 ms", HumanNumbers.latency(9.99));
    assertEquals("240 s", HumanNumbers.latency(240.25)); // from 10 s on, seconds read better than 240,000 ms
    assertEquals("$0.001", HumanNumbers.dollarsTick(1e-3));
    assertEquals("$100,000", HumanNumbers.dollarsTick(1e5));
    assertEquals("1.25 GB", HumanNumbers.bytes(1.25e9)); // decimal units: 1 GB = 1e9 bytes
    assertEquals("512 MB", HumanNumbers.bytes(512e6));
    assertEquals("2.00x", HumanNumbers.multiplier(3.0 / 1.5));
    assertEquals("1,234,567", HumanNumbers.count(1234567));
    assertEquals("3.20e+18", HumanNumbers.flops(3.2e18));
  }
}
