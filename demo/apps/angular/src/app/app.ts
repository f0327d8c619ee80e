import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, signal, viewChild, type OnInit } from '@angular/core';
import type { CardComponent, LoadErrorDetail, TransactionResult } from '@momentpay/elements';

@Component({
  selector: 'app-root',
  // <card-component> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Moment shop</h1>
      <p>Moment tee × 1 — £25.00</p>
      @if (clientToken() && !paid()) {
        <card-component
          #card
          client-key="pk_test_demo"
          [clientToken]="clientToken()"
          (ready)="ready.set(true)"
          (load-error)="onLoadError($event)"
          (payment-success)="onSuccess($event)"
        ></card-component>
        <button id="pay" type="button" [disabled]="!ready() || paying()" (click)="pay()">Pay £25.00</button>
      }
      <p id="result" role="status">{{ result() }}</p>
    </main>
  `,
})
export class App implements OnInit {
  readonly card = viewChild<ElementRef<CardComponent>>('card');
  readonly clientToken = signal<string | null>(null);
  readonly ready = signal(false);
  readonly paying = signal(false);
  readonly paid = signal(false);
  readonly result = signal('');

  async ngOnInit() {
    // Our own backend creates the payment session with the secret key.
    const response = await fetch('/api/session', { method: 'POST' });
    this.clientToken.set(((await response.json()) as { clientToken: string }).clientToken);
  }

  onSuccess(event: CustomEvent<TransactionResult>) {
    this.paid.set(true);
    this.result.set(`Payment successful. Auth code ${event.detail.authCode}.`);
  }

  onLoadError(event: CustomEvent<LoadErrorDetail>) {
    this.result.set(`The payment form could not load: ${event.detail.message}`);
  }

  async pay() {
    this.paying.set(true);
    try {
      await this.card()?.nativeElement.executePayment();
    } catch (error) {
      // Field errors are shown inside the card form; anything else here.
      if ((error as { code?: string }).code !== 'validation_failed') this.result.set((error as Error).message);
    } finally {
      this.paying.set(false);
    }
  }
}
