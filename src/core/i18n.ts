/**
 * The few texts the host itself shows (everything else is drawn inside the frames, from their
 * dictionaries): what a frame that could not load says, its retry button, the iframe titles and
 * the checkout dialog's title and close button. A locale missing here fails to compile.
 */
import { supportedLocale, type Locale } from '../protocol/locale.js';

export interface HostText {
  retry: string;
  cardFailed: string;
  cardUnavailable: string;
  walletFailed: string;
  walletUnavailable: string;
  cardTitle: string;
  walletTitle: string;
  checkoutTitle: string;
  close: string;
}

const en: HostText = {
  retry: 'Try again',
  cardFailed: 'The card form could not load.',
  cardUnavailable: 'Card payments are unavailable on this page.',
  walletFailed: 'The wallet button could not load.',
  walletUnavailable: 'Wallet payments are unavailable on this page.',
  cardTitle: 'Secure card payment form',
  walletTitle: 'Wallet payment',
  checkoutTitle: 'Secure checkout',
  close: 'Close checkout',
};

const HOST_TEXTS: Readonly<Record<Locale, HostText>> = {
  en,
  'en-GB': en,
  fr: {
    retry: 'Réessayer',
    cardFailed: 'Le formulaire de carte n’a pas pu être chargé.',
    cardUnavailable: 'Les paiements par carte ne sont pas disponibles sur cette page.',
    walletFailed: 'Le bouton de portefeuille n’a pas pu être chargé.',
    walletUnavailable: 'Les paiements par portefeuille ne sont pas disponibles sur cette page.',
    cardTitle: 'Formulaire sécurisé de paiement par carte',
    walletTitle: 'Paiement par portefeuille',
    checkoutTitle: 'Paiement sécurisé',
    close: 'Fermer le paiement',
  },
  de: {
    retry: 'Erneut versuchen',
    cardFailed: 'Das Kartenformular konnte nicht geladen werden.',
    cardUnavailable: 'Kartenzahlungen sind auf dieser Seite nicht verfügbar.',
    walletFailed: 'Die Wallet-Schaltfläche konnte nicht geladen werden.',
    walletUnavailable: 'Wallet-Zahlungen sind auf dieser Seite nicht verfügbar.',
    cardTitle: 'Sicheres Formular für Kartenzahlungen',
    walletTitle: 'Wallet-Zahlung',
    checkoutTitle: 'Sichere Bezahlung',
    close: 'Bezahlung schließen',
  },
  es: {
    retry: 'Reintentar',
    cardFailed: 'No se ha podido cargar el formulario de la tarjeta.',
    cardUnavailable: 'Los pagos con tarjeta no están disponibles en esta página.',
    walletFailed: 'No se ha podido cargar el botón del monedero.',
    walletUnavailable: 'Los pagos con monedero no están disponibles en esta página.',
    cardTitle: 'Formulario seguro de pago con tarjeta',
    walletTitle: 'Pago con monedero',
    checkoutTitle: 'Pago seguro',
    close: 'Cerrar el pago',
  },
  it: {
    retry: 'Riprova',
    cardFailed: 'Impossibile caricare il modulo della carta.',
    cardUnavailable: 'I pagamenti con carta non sono disponibili su questa pagina.',
    walletFailed: 'Impossibile caricare il pulsante del wallet.',
    walletUnavailable: 'I pagamenti con wallet non sono disponibili su questa pagina.',
    cardTitle: 'Modulo sicuro di pagamento con carta',
    walletTitle: 'Pagamento con wallet',
    checkoutTitle: 'Pagamento sicuro',
    close: 'Chiudi il pagamento',
  },
  nl: {
    retry: 'Opnieuw proberen',
    cardFailed: 'Het kaartformulier kon niet worden geladen.',
    cardUnavailable: 'Kaartbetalingen zijn niet beschikbaar op deze pagina.',
    walletFailed: 'De walletknop kon niet worden geladen.',
    walletUnavailable: 'Walletbetalingen zijn niet beschikbaar op deze pagina.',
    cardTitle: 'Beveiligd formulier voor kaartbetalingen',
    walletTitle: 'Walletbetaling',
    checkoutTitle: 'Veilig afrekenen',
    close: 'Afrekenen sluiten',
  },
  pt: {
    retry: 'Tentar novamente',
    cardFailed: 'Não foi possível carregar o formulário do cartão.',
    cardUnavailable: 'Os pagamentos com cartão não estão disponíveis nesta página.',
    walletFailed: 'Não foi possível carregar o botão da carteira.',
    walletUnavailable: 'Os pagamentos com carteira não estão disponíveis nesta página.',
    cardTitle: 'Formulário seguro de pagamento com cartão',
    walletTitle: 'Pagamento com carteira',
    checkoutTitle: 'Pagamento seguro',
    close: 'Fechar o pagamento',
  },
  af: {
    retry: 'Probeer weer',
    cardFailed: 'Die kaartvorm kon nie laai nie.',
    cardUnavailable: 'Kaartbetalings is nie op hierdie bladsy beskikbaar nie.',
    walletFailed: 'Die beursieknoppie kon nie laai nie.',
    walletUnavailable: 'Beursiebetalings is nie op hierdie bladsy beskikbaar nie.',
    cardTitle: 'Veilige kaartbetalingsvorm',
    walletTitle: 'Beursiebetaling',
    checkoutTitle: 'Veilige betaling',
    close: 'Sluit betaling',
  },
  zu: {
    retry: 'Zama futhi',
    cardFailed: 'Ifomu lekhadi alikwazanga ukulayisha.',
    cardUnavailable: 'Ukukhokha ngekhadi akutholakali kuleli khasi.',
    walletFailed: 'Inkinobho ye-wallet ayikwazanga ukulayisha.',
    walletUnavailable: 'Ukukhokha nge-wallet akutholakali kuleli khasi.',
    cardTitle: 'Ifomu elivikelekile lokukhokha ngekhadi',
    walletTitle: 'Ukukhokha nge-wallet',
    checkoutTitle: 'Ukukhokha okuvikelekile',
    close: 'Vala ukukhokha',
  },
  ar: {
    retry: 'أعد المحاولة',
    cardFailed: 'تعذّر تحميل نموذج البطاقة.',
    cardUnavailable: 'الدفع بالبطاقة غير متاح في هذه الصفحة.',
    walletFailed: 'تعذّر تحميل زر المحفظة.',
    walletUnavailable: 'الدفع بالمحفظة غير متاح في هذه الصفحة.',
    cardTitle: 'نموذج آمن للدفع بالبطاقة',
    walletTitle: 'الدفع بالمحفظة',
    checkoutTitle: 'دفع آمن',
    close: 'إغلاق الدفع',
  },
};

/** The host texts for a language tag (its supported locale, else English). */
export function hostText(tag: string | undefined): HostText {
  return HOST_TEXTS[supportedLocale(tag)];
}
