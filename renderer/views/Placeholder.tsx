export function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <section className="placeholder">
      <h1>{title}</h1>
      <p className="muted">{text}</p>
    </section>
  );
}
