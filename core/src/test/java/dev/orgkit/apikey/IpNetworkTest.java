package dev.orgkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void an_ipv4_block_holds_exactly_its_addresses() throws Exception {
        IpNetwork office = IpNetwork.parse("203.0.113.0/24");

        assertThat(office.contains(ip("203.0.113.0"))).isTrue();
        assertThat(office.contains(ip("203.0.113.255"))).isTrue();
        assertThat(office.contains(ip("203.0.112.255"))).isFalse();
        assertThat(office.contains(ip("203.0.114.0"))).isFalse();
    }

    @Test
    void an_ipv6_block_holds_exactly_its_addresses_and_no_ipv4_address() throws Exception {
        IpNetwork block = IpNetwork.parse("2001:db8::/32");

        assertThat(block.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(block.contains(ip("2001:db9::1"))).isFalse();
        assertThat(block.contains(ip("32.1.13.184"))).as("the same leading bytes as IPv4").isFalse();
    }

    @Test
    void a_prefix_that_is_not_a_multiple_of_eight_splits_a_byte() throws Exception {
        IpNetwork block = IpNetwork.parse("10.0.0.0/9");

        assertThat(block.contains(ip("10.127.255.255"))).isTrue();
        assertThat(block.contains(ip("10.128.0.0"))).isFalse();
    }

    @Test
    void the_host_bits_are_cleared_and_a_bare_address_is_one_host() throws Exception {
        assertThat(IpNetwork.parse("203.0.113.77/24")).hasToString("203.0.113.0/24");
        assertThat(IpNetwork.parse(" 198.51.100.7 ")).hasToString("198.51.100.7/32");
        assertThat(IpNetwork.parse("2001:db8::1")).hasToString("2001:db8:0:0:0:0:0:1/128");
        assertThat(IpNetwork.parse("0.0.0.0/0").contains(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void a_block_parsed_from_its_text_is_equal_to_itself() {
        IpNetwork block = IpNetwork.parse("2001:db8::/48");

        assertThat(IpNetwork.parse(block.toString())).isEqualTo(block);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "example.com", "localhost", "203.0.113.0/33", "256.0.0.1", "203.0.113/24",
            "2001:db8::/129", "2001:db8::/-1", "203.0.113.0/24/1", "203.0.113.0/", "1.2.3.4/0x10", "::g"})
    void malformed_text_is_refused_with_a_reason_and_without_any_lookup(String text) {
        assertThat(IpNetwork.problem(text)).isPresent();
        assertThatThrownBy(() -> IpNetwork.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(IpNetwork.problem(text).orElseThrow());
    }

    @Test
    void null_text_is_a_problem_not_an_exception() {
        assertThat(IpNetwork.problem(null)).isPresent();
    }
}
