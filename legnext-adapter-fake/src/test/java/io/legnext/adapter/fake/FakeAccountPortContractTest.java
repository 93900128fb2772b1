package io.legnext.adapter.fake;

import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.contract.AccountPortContract;
import io.legnext.core.time.VirtualTime;

class FakeAccountPortContractTest extends AccountPortContract {

    private final FakeLegnext legnext = FakeLegnext.builder(new VirtualTime())
            .availablePoints(12_345)
            .availableCredits(678)
            .build();

    @Override
    protected AccountPort accountPort() {
        return legnext;
    }
}
